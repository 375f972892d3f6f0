// Protocol 1.1: a recipient catching up on a backlog confirms it in `delivered` batches, each signed
// once, passed on whole by the hub and audited as one entry naming its messages; the sender sees
// every message delivered. Hub and nodes in-process on a spawned NATS running the generated
// configuration, and a spawned Redis; every node's registry entry reads protocol 1.1.
import { fromBinary } from '@bufbuild/protobuf';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AuditEntrySchema, AuditEvent, STREAM_AUDIT, STREAM_INGRESS, decodeMessage } from '#contracts';
import type { SentMessage } from '#node';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';
import { storedMessages } from '../../support/secured-nats.js';

const SENDER = 'kz-border';
const RECIPIENT = 'unodc';
const BACKLOG = 60;

let network: InProcessNetwork;
let operator: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  network = await startInProcessNetwork({ protocol: '1.1' });
  await network.startHub();
  await network.startNode(SENDER);
  operator = await network.operator();
  jsm = await jetstreamManager(operator, { checkAPI: false });
});

afterAll(async () => {
  await operator?.close();
  await network?.stop();
});

async function send(n: number): Promise<string> {
  const body = {
    ...alertRequest(),
    texts: [{ language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline: `Backlog #${n}` }],
    addressees: { nodes: [RECIPIENT] },
  };
  const response = await fetch(`${network.url(SENDER)}/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...network.auth(SENDER) },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`POST /v1/alerts: HTTP ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

async function recipientState(id: string): Promise<string | undefined> {
  const response = await fetch(`${network.url(SENDER)}/v1/messages/${id}`, { headers: network.auth(SENDER) });
  if (!response.ok) return undefined;
  const sent = (await response.json()) as SentMessage;
  return sent.recipients.find((recipient) => recipient.node === RECIPIENT)?.state;
}

function everyState(state: string, ids: readonly string[]) {
  return async () => {
    for (const id of ids) if ((await recipientState(id)) !== state) return undefined;
    return true;
  };
}

describe('a recipient reading protocol 1.1 that catches up on a backlog', () => {
  it('confirms it in delivered batches, which the hub passes on and audits whole, and the sender sees each delivered', async () => {
    const ids: string[] = [];
    for (let n = 0; n < BACKLOG; n++) ids.push(await send(n));
    await waitFor(everyState('pending', ids), { what: `every message pending for ${RECIPIENT}` });

    await network.startNode(RECIPIENT);
    await waitFor(everyState('delivered', ids), {
      what: `every message delivered to ${RECIPIENT}`,
      timeoutMs: 60_000,
    });

    const ingress = await storedMessages(jsm, STREAM_INGRESS);
    expect(ingress.filter((msg) => msg.subject === `bl.in.${RECIPIENT}.receipt`)).toEqual([]);
    const batches = ingress
      .filter((msg) => msg.subject === `bl.in.${RECIPIENT}.delivered`)
      .map((msg) => decodeMessage('delivered', msg.data));
    // A backlog pulled in batches is confirmed in fewer messages than it has deliveries.
    expect(batches.length).toBeLessThan(BACKLOG);
    expect(batches.every((batch) => batch.origin === SENDER && batch.sender === RECIPIENT)).toBe(true);
    expect(batches.flatMap((batch) => batch.messages).sort()).toEqual([...ids].sort());

    const audited = (await storedMessages(jsm, STREAM_AUDIT))
      .map((msg) => fromBinary(AuditEntrySchema, msg.data))
      .filter((entry) => entry.event === AuditEvent.DELIVERED);
    expect(audited.map((entry) => [entry.kind, entry.origin, entry.recipients])).toEqual(
      batches.map(() => ['delivered', SENDER, [RECIPIENT]]),
    );
    expect(audited.flatMap((entry) => entry.messages).sort()).toEqual([...ids].sort());
  });
});
