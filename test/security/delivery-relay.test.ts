// A genuine copy moved to another node by whoever can write the delivery stream (an operator of the
// server): its origin's signature still holds, but the hub's statement names its recipients, so the
// node it was moved to refuses it (dead-lettered, never in its inbox) while its addressee takes it in.
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import {
  HEADER_ID,
  HEADER_RECIPIENT,
  STREAM_DEAD_LETTER,
  STREAM_DELIVERY,
  deadLetterSubject,
  deliverySubject,
  nodeDeliveryConsumer,
} from '#contracts';
import { alertRequest, type FixtureNode } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../support/in-process-network.js';

const NODES: readonly FixtureNode[] = ['kz-border', 'tj-border', 'uz-customs'];

let network: InProcessNetwork;
let operator: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  network = await startInProcessNetwork();
  await network.startHub();
  for (const node of NODES) await network.startNode(node);
  operator = await network.operator();
  jsm = await jetstreamManager(operator);
});

afterAll(async () => {
  await operator?.close();
  await network?.stop();
});

async function inbox(node: FixtureNode): Promise<{ id: string; verified: boolean }[]> {
  const response = await fetch(`${network.url(node)}/v1/inbox`, { headers: network.auth(node) });
  return ((await response.json()) as { items?: { id: string; verified: boolean }[] }).items ?? [];
}

/** The last dead-letter record of `node`'s delivery consumer, once there is one for message `id`. */
function deadLetterOf(node: FixtureNode, id: string) {
  return waitFor(
    async () => {
      const record = await jsm.streams
        .getMessage(STREAM_DEAD_LETTER, {
          last_by_subj: deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer(node)),
        })
        .catch(() => null);
      return record?.header.get(HEADER_ID) === id ? record : undefined;
    },
    { what: `the dead-letter record of ${id} at ${node}` },
  );
}

describe('a hub-stated copy moved to another node', () => {
  it('is refused by the node it was moved to, which never takes it in', async () => {
    // TLP:RED to tj-border alone: uz-customs subscribes to the region but is not entitled.
    const sent = await fetch(`${network.url('kz-border')}/v1/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...network.auth('kz-border') },
      body: JSON.stringify({
        ...alertRequest(),
        handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
        addressees: { nodes: ['tj-border'] },
      }),
    });
    const { id } = (await sent.json()) as { id: string };
    await waitFor(async () => (await inbox('tj-border')).find((item) => item.id === id && item.verified), {
      what: `alert ${id} verified in the inbox of tj-border`,
    });

    // The operator takes tj-border's copy from the delivery stream and publishes it, unchanged but for
    // the unsigned recipient header, on uz-customs's delivery subject.
    const copy = await jsm.streams.getMessage(STREAM_DELIVERY, {
      last_by_subj: deliverySubject('tj-border', 'alert', 'direct', 'salw'),
    });
    expect(copy?.header.get(HEADER_ID)).toBe(id);
    const headers = natsHeaders();
    for (const [name, values] of copy!.header) {
      if (!name.startsWith('Bl-')) continue;
      headers.set(name, name === HEADER_RECIPIENT ? 'uz-customs' : values[0]!);
    }
    await jetstream(operator).publish(deliverySubject('uz-customs', 'alert', 'direct', 'salw'), copy!.data, {
      headers,
      msgID: `${id}:uz-customs`,
    });

    const record = await deadLetterOf('uz-customs', id);
    expect(record.header.get('Bl-Dlq-Reason')).toContain('refused: not-addressed');
    expect((await inbox('uz-customs')).map((item) => item.id)).not.toContain(id);
  });
});
