import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import type { INestApplication } from '@nestjs/common';
import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  HEADER_ID,
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  STREAM_DEAD_LETTER,
  STREAM_DELIVERY,
  deliverySubject,
  messageFromJson,
  nodeDeliveryConsumer,
} from '#contracts';
import type { InboxItem } from '#node';
import { alertRequest, hubStatement, sealMessage } from '#node/testing';
import { testTls, waitFor } from '#testing';
import {
  DeadLetterNotFoundError,
  listDeadLetters,
  replayDeadLetter,
  type DeadLetterSource,
} from '#operations';
import { NODE, startTestbed, type NodeTestbed } from '../node/node-harness.js';

// Two attempts, so that the node gives up while its Redis is down within a few seconds.
const MAX_ATTEMPTS = 2;

let testbed: NodeTestbed;
let app: INestApplication;
let base: string;
let operator: NatsConnection;
let jsm: JetStreamManager;
let source: DeadLetterSource;
let dir: string;

beforeAll(async () => {
  testbed = await startTestbed();
  operator = await testbed.operator();
  jsm = await jetstreamManager(operator);
  ({ app, base } = await testbed.start({ ...testbed.config(), NODE_MAX_ATTEMPTS: MAX_ATTEMPTS }));
  dir = mkdtempSync(join(tmpdir(), 'bl-dlq-node-'));
  const seed = join(dir, 'operator.nk');
  writeFileSync(seed, `${testbed.operatorSeed}\n`, { mode: 0o600 });
  source = { nats: testbed.nats.url, ca: (await testTls()).caFile, seed, stream: STREAM_DEAD_LETTER };
});

afterAll(async () => {
  await app?.close();
  await operator?.close();
  await testbed?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function inbox(): Promise<InboxItem[]> {
  const response = await fetch(`${base}/v1/inbox`, { headers: testbed.auth });
  return ((await response.json()) as { items?: InboxItem[] }).items ?? [];
}

/** Publishes a signed alert from tj-border on the node's delivery subject, as the hub does. */
async function deliverAlert(id: string): Promise<void> {
  const alert = messageFromJson('alert', alertRequest());
  alert.id = id;
  alert.sender = 'tj-border';
  alert.sent = timestampFromDate(new Date());
  const sealed = sealMessage('alert', alert, testbed.keys['tj-border'].seed, new Date());
  const { body, headers } = sealed;
  const h = natsHeaders();
  for (const [name, value] of Object.entries(headers)) h.set(name, value);
  h.set(HEADER_RECIPIENT, NODE);
  h.set(HEADER_STATEMENT, hubStatement(sealed, testbed.keys.hub.seed, [NODE]));
  await jetstream(operator).publish(deliverySubject(NODE, 'alert', 'direct', 'general'), body, {
    msgID: `${id}:${NODE}`,
    headers: h,
  });
}

it('dead-letters a delivery the node cannot store, and a replay puts it in the inbox once', async () => {
  await testbed.redis.kill();
  const id = `alert-dlq-${Date.now()}`;
  await deliverAlert(id);

  const record = await waitFor(
    async () =>
      (await listDeadLetters(source, { consumer: nodeDeliveryConsumer(NODE) })).find(
        (r) => r.headers[HEADER_ID]?.[0] === id,
      ),
    { timeoutMs: 45_000, what: 'the delivery in the dead-letter stream' },
  );
  expect(record).toMatchObject({ stream: STREAM_DELIVERY, deliveries: MAX_ATTEMPTS });

  await testbed.redis.restart();
  await waitFor(async () => (await fetch(`${base}/healthz`)).ok, {
    timeoutMs: 20_000,
    what: 'the node healthy',
  });
  await replayDeadLetter(source, record.seq);

  const items = await waitFor(
    async () => {
      const found = (await inbox()).filter((item) => item.id === id);
      return found.length > 0 ? found : undefined;
    },
    { timeoutMs: 20_000, what: 'the replayed alert in the inbox' },
  );
  await waitFor(
    async () => {
      const info = await jsm.consumers.info(STREAM_DELIVERY, nodeDeliveryConsumer(NODE));
      return info.num_pending === 0 && info.num_ack_pending === 0;
    },
    { what: 'the node to settle' },
  );
  expect(items).toHaveLength(1);
  expect((await inbox()).filter((item) => item.id === id)).toHaveLength(1);
  await expect(replayDeadLetter(source, record.seq)).rejects.toBeInstanceOf(DeadLetterNotFoundError);
});
