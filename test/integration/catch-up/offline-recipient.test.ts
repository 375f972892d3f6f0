// A recipient that was offline while two senders addressed it catches up on its backlog: everything
// arrives, each sender's messages in the order sent, and the senders see its state move from
// pending to delivered; a copy it must refuse, pulled in the same batches, is dead-lettered alone.
// Hub and nodes in-process, each node on its own nkey, on a spawned NATS running the generated
// configuration, and a spawned Redis.
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders } from '@nats-io/transport-node';
import {
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  STREAM_DEAD_LETTER,
  deadLetterSubject,
  deliverySubject,
  messageFromJson,
  nodeDeliveryConsumer,
  STREAM_DELIVERY,
} from '#contracts';
import type { InboxItem, SentMessage } from '#node';
import { alertRequest, hubStatement, sealMessage } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';

const SENDERS = ['kz-border', 'tj-border'] as const;
const RECIPIENT = 'unodc';
type Node = (typeof SENDERS)[number] | typeof RECIPIENT;
// Both senders' backlog fits one page of the inbox API.
const PER_SENDER = 80;

let network: InProcessNetwork;

beforeAll(async () => {
  network = await startInProcessNetwork();
  await network.startHub();
  for (const sender of SENDERS) await network.startNode(sender);
});

afterAll(() => network?.stop());

async function get<T>(node: Node, path: string): Promise<T> {
  const response = await fetch(`${network.url(node)}${path}`, { headers: network.auth(node) });
  if (!response.ok) throw new Error(`GET ${path} on ${node}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function send(sender: Node, headline: string): Promise<string> {
  const body = {
    ...alertRequest(),
    texts: [{ language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline }],
    handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
    addressees: { nodes: [RECIPIENT] },
  };
  const response = await fetch(`${network.url(sender)}/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...network.auth(sender) },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`POST /v1/alerts on ${sender}: HTTP ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

// Each sender posts one after another (its order is the order of its answers); both at once.
async function sendAll(sender: Node): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < PER_SENDER; n++) ids.push(await send(sender, `Backlog ${sender} #${n}`));
  return ids;
}

async function recipientState(sender: Node, id: string): Promise<string | undefined> {
  const sent = await get<SentMessage>(sender, `/v1/messages/${id}`).catch(() => undefined);
  return sent?.recipients.find((recipient) => recipient.node === RECIPIENT)?.state;
}

function everyState(state: string, sent: Record<string, string[]>) {
  return async () => {
    for (const sender of SENDERS) {
      for (const id of sent[sender]!) if ((await recipientState(sender, id)) !== state) return undefined;
    }
    return true;
  };
}

// A genuine alert of the first sender, on the recipient's delivery subject, whose hub statement names
// another node: the recipient must refuse it (a copy meant for someone else) and dead-letter it.
async function deliverMisaddressed(id: string): Promise<void> {
  const alert = messageFromJson('alert', alertRequest());
  Object.assign(alert, { id, sender: SENDERS[0], sent: timestampFromDate(new Date()) });
  const sealed = sealMessage('alert', alert, network.keys[SENDERS[0]].seed, new Date());
  const headers = natsHeaders();
  for (const [name, value] of Object.entries(sealed.headers)) headers.set(name, value);
  headers.set(HEADER_RECIPIENT, RECIPIENT);
  headers.set(HEADER_STATEMENT, hubStatement(sealed, network.keys.hub.seed, [SENDERS[1]]));
  const operator = await network.operator();
  try {
    await jetstream(operator).publish(deliverySubject(RECIPIENT, 'alert', 'direct', 'general'), sealed.body, {
      msgID: `${id}:${RECIPIENT}`,
      headers,
    });
  } finally {
    await operator.close();
  }
}

async function deadLetteredIds(): Promise<string[]> {
  const operator = await network.operator();
  try {
    const subject = deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer(RECIPIENT));
    const record = await (
      await jetstream(operator).streams.get(STREAM_DEAD_LETTER)
    )
      .getMessage({ last_by_subj: subject })
      .catch(() => null);
    return record ? [record.header.get('Bl-Id')] : [];
  } finally {
    await operator.close();
  }
}

describe('a recipient offline while its backlog builds up', () => {
  it('drains it in the order each sender sent past a copy it refuses, and the senders see pending turn into delivered', async () => {
    const sent: Record<string, string[]> = {};
    const misaddressed = `misaddressed-${Date.now()}`;
    await deliverMisaddressed(misaddressed);
    await Promise.all(
      SENDERS.map(async (sender) => {
        sent[sender] = await sendAll(sender);
      }),
    );
    await waitFor(everyState('pending', sent), { what: `every message pending for ${RECIPIENT}` });

    await network.startNode(RECIPIENT);
    const inbox = await waitFor(
      async () => {
        const { items } = await get<{ items: InboxItem[] }>(RECIPIENT, '/v1/inbox?limit=200');
        return items.length >= SENDERS.length * PER_SENDER ? items : undefined;
      },
      { what: `the backlog in the inbox of ${RECIPIENT}`, timeoutMs: 60_000 },
    );
    expect(inbox).toHaveLength(SENDERS.length * PER_SENDER);
    expect(inbox.map((item) => item.id)).not.toContain(misaddressed);
    await waitFor(async () => ((await deadLetteredIds()).includes(misaddressed) ? true : undefined), {
      what: 'the misaddressed copy in the dead letters',
    });
    const takenIn = [...inbox].reverse();
    for (const sender of SENDERS) {
      expect(takenIn.filter((item) => item.sender === sender).map((item) => item.id)).toEqual(sent[sender]);
    }
    await waitFor(everyState('delivered', sent), { what: `every message delivered to ${RECIPIENT}` });
  });
});
