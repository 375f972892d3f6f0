// A real NATS and Redis, a temporary registry with fresh keys, and a NATS client acting as the nodes.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { connect, headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type PubAck,
  type StoredMsg,
} from '@nats-io/jetstream';
import { CONSUMER_HUB_INGRESS, HEADER_ID, STREAM_DELIVERY, STREAM_INGRESS, decodeMessage } from '#contracts';
import { stringifyRegistry } from '#registry';
import { createLogger, validateConfig } from '#runtime';
import { startNats, startRedis, waitFor, type NatsServerHandle, type RedisServerHandle } from '#testing';
import { HubConfig } from '../../../apps/hub/src/config/hub.config.js';
import { bootstrapHub } from '../../../apps/hub/src/hub.bootstrap.js';
import { createTestParties, type NodeMessage, type TestParties } from '../../../apps/hub/src/hub.fixtures.js';

export interface HubTestEnv {
  parties: TestParties;
  /** The registry file the hubs read (and reload when it changes). */
  registryFile: string;
  js: JetStreamClient;
  jsm: JetStreamManager;
  /** Boots one more hub instance in this process on the shared durable consumer. */
  startHub(overrides?: Record<string, string>): Promise<INestApplication>;
  /** Publishes as a node would: on the message's ingress subject, `Nats-Msg-Id` = its id unless given. */
  publish(message: NodeMessage, msgId?: string): Promise<PubAck>;
  /** Resolves once the hub has acked every ingress message up to `seq`. */
  processed(seq: number): Promise<void>;
  /** Every message in BL_DELIVERY, oldest first. */
  deliveries(): Promise<StoredMsg[]>;
  /** The decoded Rejection delivered to `node` for message `id`, once it is there. */
  rejectionFor(node: string, id: string): Promise<ReturnType<typeof decodeMessage<'rejection'>>>;
  stop(): Promise<void>;
}

export async function startHubTestEnv(): Promise<HubTestEnv> {
  const [nats, redis]: [NatsServerHandle, RedisServerHandle] = await Promise.all([startNats(), startRedis()]);
  const dir = await mkdtemp(join(tmpdir(), 'bl-hub-'));
  const parties = createTestParties();
  const registryFile = join(dir, 'registry.yaml');
  const seedFile = join(dir, 'hub.nk');
  await writeFile(registryFile, stringifyRegistry(parties.registry));
  await writeFile(seedFile, `${parties.seeds.get('hub')}\n`, { mode: 0o600 });

  const nc: NatsConnection = await connect({ servers: nats.url });
  const js = jetstream(nc);
  const jsm = await jetstreamManager(nc);
  const hubs: INestApplication[] = [];

  const startHub = async (overrides: Record<string, string> = {}) => {
    const config = validateConfig(HubConfig, {
      NATS_URL: nats.url,
      REDIS_URL: redis.url,
      REGISTRY_FILE: registryFile,
      HUB_SEED_FILE: seedFile,
      HTTP_PORT: '0',
      LOG_LEVEL: 'silent',
      ...overrides,
    });
    const app = await bootstrapHub(
      config,
      createLogger({ service: 'hub', node: config.HUB_ID }, config.LOG_LEVEL),
    );
    hubs.push(app);
    return app;
  };

  const publish = (message: NodeMessage, msgId = message.id) => {
    const h = natsHeaders();
    for (const [name, value] of Object.entries(message.headers)) h.set(name, value);
    return js.publish(message.subject, message.body, { msgID: msgId, headers: h });
  };

  const processed = (seq: number) =>
    waitFor(
      async () => {
        const info = await jsm.consumers.info(STREAM_INGRESS, CONSUMER_HUB_INGRESS);
        return info.ack_floor.stream_seq >= seq && info.num_ack_pending === 0;
      },
      { timeoutMs: 30_000, what: `the hub to ack ingress message ${seq}` },
    ).then(() => undefined);

  const deliveries = async () => {
    const { state } = await jsm.streams.info(STREAM_DELIVERY);
    const seqs = Array.from({ length: state.last_seq - state.first_seq + 1 }, (_, i) => state.first_seq + i);
    const messages = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(STREAM_DELIVERY, { seq })));
    return messages.filter((message): message is StoredMsg => message !== null);
  };

  const rejectionFor = (node: string, id: string) =>
    waitFor(
      async () => {
        const subject = `bl.out.${node}.rejection.direct.general`;
        const found = (await deliveries())
          .filter((message) => message.subject === subject)
          .map((message) => decodeMessage('rejection', message.data))
          .find((rejection) => rejection.message === id);
        return found;
      },
      { what: `a rejection of ${id} for ${node}` },
    );

  const stop = async () => {
    await Promise.all(hubs.map((app) => app.close()));
    await nc.drain();
    await Promise.all([nats.stop(), redis.stop()]);
    await rm(dir, { recursive: true, force: true });
  };

  return { parties, registryFile, js, jsm, startHub, publish, processed, deliveries, rejectionFor, stop };
}

/** The copies of message `id` in `messages` (deliveries of its kind carrying its Bl-Id). */
export function copiesOf(messages: readonly StoredMsg[], id: string, kind: string): StoredMsg[] {
  return messages.filter(
    (message) => message.subject.split('.')[3] === kind && message.header?.get(HEADER_ID) === id,
  );
}
