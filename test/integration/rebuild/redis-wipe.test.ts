// Redis is a cache: wiping it (FLUSHALL) in the middle of traffic loses nothing and duplicates
// nothing. One sender addresses two recipients before, during and after the wipe; the hub and the
// nodes (two hub instances at once) notice the missing epoch markers and rebuild from JetStream. Hub and nodes in-process, each
// on its own nkey, on a spawned NATS running the generated configuration, and a spawned Redis.
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import {
  HEADER_ID,
  HEADER_MSG_ID,
  ReceiptKind,
  RejectionReason,
  STREAM_DELIVERY,
  STREAM_INGRESS,
  decodeMessage,
} from '#contracts';
import { nodeEpochKey, type InboxItem, type SentMessage } from '#node';
import { alertRequest } from '#node/testing';
import { waitFor } from '#testing';
import { HUB_EPOCH_KEY } from '#hub';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';
import { publishOn, storedMessages } from '../../support/secured-nats.js';

const SENDER = 'kz-border';
const RECIPIENTS = ['tj-border', 'unodc'] as const;
const NODES = [SENDER, ...RECIPIENTS] as const;
type Node = (typeof NODES)[number];
const BEFORE = 15;
const DURING = 15;
// The wipe comes after this many of the messages sent during it.
const WIPE_AFTER = 5;
const AFTER = 10;

let network: InProcessNetwork;
let redis: Redis;
let operator: NatsConnection;
let jsm: JetStreamManager;

beforeAll(async () => {
  network = await startInProcessNetwork();
  redis = new Redis(network.redis.url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  operator = await network.operator();
  jsm = await jetstreamManager(operator);
  // Two hub instances on the shared ingress consumer: both notice the wipe and rebuild at once.
  for (let n = 0; n < 2; n++) await network.startHub();
  for (const node of NODES) await network.startNode(node);
});

afterAll(async () => {
  await operator?.close();
  redis?.disconnect();
  await network?.stop();
});

async function get<T>(node: Node, path: string): Promise<T> {
  const response = await fetch(`${network.url(node)}${path}`, { headers: network.auth(node) });
  if (!response.ok) throw new Error(`GET ${path} on ${node}: HTTP ${response.status}`);
  return (await response.json()) as T;
}

async function send(headline: string): Promise<string> {
  const body = {
    ...alertRequest(),
    texts: [{ language: 'en', provenance: 'TRANSLATION_PROVENANCE_ORIGINAL', headline }],
    handling: { tlp: 'TLP_RED', code: 'HANDLING_CODE_H2' },
    addressees: { nodes: [...RECIPIENTS] },
  };
  const response = await fetch(`${network.url(SENDER)}/v1/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...network.auth(SENDER) },
    body: JSON.stringify(body),
  });
  if (response.status !== 202) throw new Error(`POST /v1/alerts: HTTP ${response.status}`);
  return ((await response.json()) as { id: string }).id;
}

/** Sends `count` alerts one after another; `midway` runs after the `at`-th. */
async function sendMany(label: string, count: number, midway?: { at: number; run: () => Promise<void> }) {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) {
    ids.push(await send(`${label} #${n}`));
    if (midway?.at === n + 1) await midway.run();
  }
  return ids;
}

function everyDelivered(ids: readonly string[]) {
  return async () => {
    for (const id of ids) {
      const sent = await get<SentMessage>(SENDER, `/v1/messages/${id}`).catch(() => undefined);
      const delivered = RECIPIENTS.every(
        (node) => sent?.recipients.find((recipient) => recipient.node === node)?.state === 'delivered',
      );
      if (!delivered) return undefined;
    }
    return true;
  };
}

async function inboxIds(node: Node): Promise<string[]> {
  const { items } = await get<{ items: InboxItem[] }>(node, '/v1/inbox?limit=200');
  return items.map((item) => item.id);
}

describe('Redis wiped in the middle of traffic', () => {
  it('is rebuilt from JetStream: nothing lost, nothing twice, old ids still replays', async () => {
    const before = await sendMany('before', BEFORE);
    await waitFor(everyDelivered(before), { what: 'every message before the wipe delivered' });

    const during = await sendMany('during', DURING, {
      at: WIPE_AFTER,
      run: async () => void (await redis.flushall()),
    });
    const after = await sendMany('after', AFTER);
    const all = [...before, ...during, ...after];

    const epochs = [HUB_EPOCH_KEY, ...NODES.map((node) => nodeEpochKey(node))];
    await waitFor(async () => ((await redis.exists(...epochs)) === epochs.length ? true : undefined), {
      what: 'hub and nodes rebuilt',
      timeoutMs: 30_000,
    });

    for (const node of RECIPIENTS) {
      const ids = await waitFor(
        async () => {
          const ids = await inboxIds(node);
          return ids.length >= all.length ? ids : undefined;
        },
        { what: `every message in the inbox of ${node}`, timeoutMs: 30_000 },
      );
      expect([...ids].sort()).toEqual([...all].sort());
    }

    await waitFor(everyDelivered(all), {
      what: 'every recipient delivered in the sender state',
      timeoutMs: 30_000,
    });
    for (const id of all) {
      const sent = await get<SentMessage>(SENDER, `/v1/messages/${id}`);
      expect(sent.status).toBe('accepted');
    }

    // Each recipient answered each message with exactly one delivered receipt.
    const receipts = (await storedMessages(jsm, STREAM_INGRESS))
      .filter((msg) => msg.subject.endsWith('.receipt'))
      .map((msg) => decodeMessage('receipt', msg.data))
      .filter((receipt) => receipt.kind === ReceiptKind.DELIVERED);
    for (const node of RECIPIENTS) {
      const answered = receipts
        .filter((receipt) => receipt.sender === node)
        .map((receipt) => receipt.message);
      expect(answered.sort()).toEqual([...all].sort());
    }

    // A message the hub accepted before the wipe, sent again under a new Nats-Msg-Id, is a replay.
    const replayed = before[0]!;
    const original = (await storedMessages(jsm, STREAM_INGRESS)).find(
      (msg) => msg.header.get(HEADER_ID) === replayed,
    );
    if (original === undefined) throw new Error(`${replayed} not in ${STREAM_INGRESS}`);
    const headers = [...original.header]
      .filter(([name]) => name !== HEADER_MSG_ID)
      .map(([name, values]): [string, string] => [name, values[0] ?? '']);
    await publishOn(operator, {
      subject: original.subject,
      headers,
      body: original.data,
      msgId: `${replayed}:again`,
    });
    const rejection = await waitFor(
      async () => {
        const found = (await storedMessages(jsm, STREAM_DELIVERY))
          .filter((msg) => msg.subject.startsWith(`bl.out.${SENDER}.rejection.`))
          .map((msg) => decodeMessage('rejection', msg.data))
          .find((candidate) => candidate.message === replayed);
        return found;
      },
      { what: `the rejection of the replayed ${replayed}` },
    );
    expect(rejection.reason).toBe(RejectionReason.REPLAYED);
    const copies = (await storedMessages(jsm, STREAM_DELIVERY)).filter(
      (msg) => msg.header.get(HEADER_ID) === replayed && !msg.subject.includes('.rejection.'),
    );
    // One copy per recipient and nothing more: the replay was not routed again.
    expect(copies.filter((msg) => !msg.subject.includes('.routing.'))).toHaveLength(RECIPIENTS.length);
  });
});
