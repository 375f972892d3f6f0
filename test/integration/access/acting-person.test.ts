// Who acted, named everywhere, against a real OpenID Connect provider and the real nodes and hub: the
// person who sent an alert or acknowledged it is inside the bytes the origin signs, reaches the
// recipient, and is in the hub's audit; a copy naming another person is refused at the recipient.
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import {
  AuditEvent,
  HEADER_ID,
  STREAM_DEAD_LETTER,
  STREAM_DELIVERY,
  deadLetterSubject,
  decodeMessage,
  deliverySubject,
  encodeMessage,
  nodeDeliveryConsumer,
} from '#contracts';
import type { InboxItem } from '#node';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { auditEntryOf, call, startAccessNetwork, type AccessNetwork, type Node } from './access-network.js';

let access: AccessNetwork;
let operator: NatsConnection;
let jsm: JetStreamManager;
const url = (node: Node) => access.network.url(node);

beforeAll(async () => {
  access = await startAccessNetwork();
  operator = await access.network.operator();
  jsm = await jetstreamManager(operator);
});

afterAll(async () => {
  await operator?.close();
  await access?.stop();
});

/** Posts an alert from kz-border to tj-border as kz-border's demo author; resolves with its id. */
async function alertFromKzAuthor(): Promise<string> {
  const answer = await call<{ id: string }>(`${url('kz-border')}/v1/alerts`, {
    method: 'POST',
    credentials: await access.token('kz-border', 'author'),
    body: { ...alertRequest(), addressees: { nodes: ['tj-border'] } },
  });
  expect(answer.status).toBe(202);
  return answer.body.id;
}

/** tj-border's inbox item `id`, once it is there. */
async function inboxItemAtTj(id: string): Promise<InboxItem> {
  const reader = await access.token('tj-border', 'reader');
  return waitFor(
    async () => {
      const { body } = await call<{ items: InboxItem[] }>(`${url('tj-border')}/v1/inbox`, {
        credentials: reader,
      });
      return body.items.find((item) => item.id === id);
    },
    { what: `alert ${id} in the inbox of tj-border` },
  );
}

describe('the acting person', () => {
  it('is named in the signed alert at its recipient and in the hub’s audit, and so is who acknowledged it', async () => {
    const id = await alertFromKzAuthor();
    const item = await inboxItemAtTj(id);
    expect(item).toMatchObject({ verified: true, message: { actor: 'person:kz-border-author' } });
    expect(await auditEntryOf(jsm, AuditEvent.ACCEPTED, id)).toMatchObject({
      origin: 'kz-border',
      person: 'person:kz-border-author',
      actor: 'hub',
    });

    const acknowledged = await call(`${url('tj-border')}/v1/messages/${id}/receipts`, {
      method: 'POST',
      credentials: await access.token('tj-border', 'author'),
      body: { kind: 'acknowledged' },
    });
    expect(acknowledged.status).toBe(202);
    expect(await auditEntryOf(jsm, AuditEvent.ACKNOWLEDGED, id)).toMatchObject({
      recipients: ['tj-border'],
      person: 'person:tj-border-author',
    });
  });

  it('cannot be changed on the way: a copy naming another person is refused by its recipient', async () => {
    const id = await alertFromKzAuthor();
    await inboxItemAtTj(id);
    // Whoever can write the delivery stream re-encodes tj-border's copy naming kz-border's supervisor,
    // keeping the origin's signature and the hub's statement.
    const copy = await jsm.streams.getMessage(STREAM_DELIVERY, {
      last_by_subj: deliverySubject('tj-border', 'alert', 'direct', 'salw'),
    });
    expect(copy?.header.get(HEADER_ID)).toBe(id);
    const reassigned = decodeMessage('alert', copy!.data);
    reassigned.actor = 'person:kz-border-supervisor';
    const headers = natsHeaders();
    for (const [name, values] of copy!.header) if (name.startsWith('Bl-')) headers.set(name, values[0]!);
    await jetstream(operator).publish(
      deliverySubject('tj-border', 'alert', 'direct', 'salw'),
      encodeMessage('alert', reassigned),
      { headers, msgID: `${id}:tj-border:reassigned` },
    );

    const record = await waitFor(
      async () => {
        const dead = await jsm.streams
          .getMessage(STREAM_DEAD_LETTER, {
            last_by_subj: deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer('tj-border')),
          })
          .catch(() => null);
        return dead?.header.get(HEADER_ID) === id ? dead : undefined;
      },
      { what: `the dead-letter record of the reassigned copy of ${id}` },
    );
    expect(record.header.get('Bl-Dlq-Reason')).toContain('refused: statement-');
    // The inbox keeps the genuine copy and the person who really sent it.
    expect((await inboxItemAtTj(id)).message).toMatchObject({ actor: 'person:kz-border-author' });
  });
});
