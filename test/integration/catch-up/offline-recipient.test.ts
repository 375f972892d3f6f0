// A recipient that was offline while two senders addressed it catches up on its backlog: everything
// arrives, each sender's messages in the order sent, and the senders see its state move from
// pending to delivered. Hub and nodes in-process, each node on its own nkey, on a spawned NATS
// running the generated configuration, and a spawned Redis.
import type { InboxItem, SentMessage } from '#node';
import { alertRequest } from '#node/testing';
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

describe('a recipient offline while its backlog builds up', () => {
  it('drains it in the order each sender sent, and the senders see pending turn into delivered', async () => {
    const sent: Record<string, string[]> = {};
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
    const takenIn = [...inbox].reverse();
    for (const sender of SENDERS) {
      expect(takenIn.filter((item) => item.sender === sender).map((item) => item.id)).toEqual(sent[sender]);
    }
    await waitFor(everyState('delivered', sent), { what: `every message delivered to ${RECIPIENT}` });
  });
});
