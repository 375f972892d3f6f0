// The hub in-process on a spawned NATS running the configuration `borderlink nats-config` generates
// (authentication and permissions on) and Redis, with a registry of many subscribers in a few
// organisations. Each node publishes with its own credentials; an operator user inspects the streams.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  connect,
  headers as natsHeaders,
  nkeyAuthenticator,
  type NatsConnection,
} from '@nats-io/transport-node';
import {
  jetstream,
  jetstreamManager,
  type JetStreamManager,
  type PubAck,
  type StoredMsg,
} from '@nats-io/jetstream';
import { CONSUMER_HUB_INGRESS, HEADER_ID, STREAM_DELIVERY, STREAM_INGRESS } from '#contracts';
import { inboxPrefixOf } from '#messaging';
import { RegistryIndex, stringifyRegistry, type Registry, type RegistryNode } from '#registry';
import { createLogger, validateConfig } from '#runtime';
import { startNats, startRedis, waitFor, type NatsServerHandle, type RedisServerHandle } from '#testing';
import { NodeSigner, generateNodeKey } from '#trust';
import { natsConfigOf } from '../../../apps/cli/src/nats-config/nats-config.service.js';
import { HubConfig } from '../../../apps/hub/src/config/hub.config.js';
import { bootstrapHub } from '../../../apps/hub/src/hub.bootstrap.js';
import type { NodeMessage, TestParties } from '../../../apps/hub/src/hub.fixtures.js';

/** Subscriber nodes `sub-01` … `sub-22`, all on afghan-border × every category, by organisation. */
export const ORGANISATION_OF_SUBSCRIBER: readonly [string, string][] = Array.from({ length: 22 }, (_, i) => {
  const id = `sub-${String(i + 1).padStart(2, '0')}`;
  return [id, ['org-a', 'org-b', 'org-c', 'org-d'][Math.min(3, Math.floor(i / 5))]!];
});
export const SUBSCRIBERS = ORGANISATION_OF_SUBSCRIBER.map(([id]) => id);

/**
 * `origin` (org-origin) sends; `newcomer` (org-e) subscribes to nothing and only ever gets a message
 * by release. org-a declares org-c within its need to know.
 */
function policyRegistry(): { registry: Registry; seeds: Map<string, string> } {
  const seeds = new Map<string, string>();
  const node = (
    id: string,
    organisation: string,
    subscribed: boolean,
    kind: RegistryNode['kind'] = 'border',
  ) => {
    const key = generateNodeKey();
    seeds.set(id, key.seed);
    const subscriptions = subscribed ? [{ regions: ['afghan-border'], categories: ['*'] }] : [];
    return { id, name: id, kind, organisation, publicKeys: [key.publicKey], subscriptions };
  };
  const registry: Registry = {
    version: 1,
    regions: [{ id: 'afghan-border', name: 'Afghan border' }],
    sections: [],
    crossingPoints: [],
    organisations: [
      { id: 'operator', name: 'Hub operator' },
      { id: 'org-origin', name: 'Originating agency' },
      { id: 'org-a', name: 'Agency A', needToKnow: ['org-c'] },
      ...['org-b', 'org-c', 'org-d', 'org-e'].map((id) => ({ id, name: id })),
    ],
    nodes: [
      node('hub', 'operator', false, 'hub'),
      node('origin', 'org-origin', false),
      node('newcomer', 'org-e', false, 'partner'),
      ...ORGANISATION_OF_SUBSCRIBER.map(([id, organisation]) => node(id, organisation, true)),
    ],
  };
  return { registry, seeds };
}

export interface PolicyTestEnv {
  parties: TestParties;
  jsm: JetStreamManager;
  /** Publishes as a node would, and resolves once the hub has acked it (decided and carried out). */
  send(message: NodeMessage): Promise<PubAck>;
  /** Every message in `stream`, oldest first. */
  stored(stream: string): Promise<StoredMsg[]>;
  stop(): Promise<void>;
}

export async function startPolicyTestEnv(): Promise<PolicyTestEnv> {
  const { registry, seeds } = policyRegistry();
  const operator = generateNodeKey();
  // The harness replaces {{storeDir}} with the server's temporary store.
  const natsConfig = natsConfigOf(registry, { storeDir: '{{storeDir}}', operatorKeys: [operator.publicKey] });
  const [nats, redis]: [NatsServerHandle, RedisServerHandle] = await Promise.all([
    startNats({ config: natsConfig.text }),
    startRedis(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'bl-policy-'));
  const registryFile = join(dir, 'registry.yaml');
  const seedFile = join(dir, 'hub.nk');
  await writeFile(registryFile, stringifyRegistry(registry));
  await writeFile(seedFile, `${seeds.get('hub')}\n`, { mode: 0o600 });
  const signers = new Map([...seeds].map(([id, seed]) => [id, NodeSigner.fromSeed(seed)]));
  const parties: TestParties = {
    registry,
    index: new RegistryIndex(registry),
    seeds,
    signer: (node) => {
      const signer = signers.get(node);
      if (!signer) throw new RangeError(`no test party ${node}`);
      return signer;
    },
  };

  const config = validateConfig(HubConfig, {
    NATS_URL: nats.url,
    REDIS_URL: redis.url,
    REGISTRY_FILE: registryFile,
    HUB_SEED_FILE: seedFile,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
  });
  const hub: INestApplication = await bootstrapHub(config, createLogger({ service: 'hub' }, 'silent'));
  const connectAs = (identity: string, seed: string) =>
    connect({
      servers: nats.url,
      authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)),
      inboxPrefix: inboxPrefixOf(identity),
    });
  const nc: NatsConnection = await connectAs('operator', operator.seed);
  const jsm = await jetstreamManager(nc);
  const nodeConnections = new Map<string, NatsConnection>();
  const connectionOf = async (node: string) => {
    const known = nodeConnections.get(node);
    if (known) return known;
    const connection = await connectAs(node, seeds.get(node) ?? '');
    nodeConnections.set(node, connection);
    return connection;
  };

  const send = async (message: NodeMessage) => {
    const h = natsHeaders();
    for (const [name, value] of Object.entries(message.headers)) h.set(name, value);
    const sender = message.subject.split('.')[2] ?? '';
    const js = jetstream(await connectionOf(sender), { checkAPI: false });
    const ack = await js.publish(message.subject, message.body, { msgID: message.id, headers: h });
    await waitFor(
      async () => {
        const info = await jsm.consumers.info(STREAM_INGRESS, CONSUMER_HUB_INGRESS);
        return info.ack_floor.stream_seq >= ack.seq && info.num_ack_pending === 0;
      },
      { timeoutMs: 30_000, what: `the hub to ack ingress message ${ack.seq}` },
    );
    return ack;
  };

  const stored = async (stream: string) => {
    const { state } = await jsm.streams.info(stream);
    if (state.messages === 0) return [];
    const seqs = Array.from({ length: state.last_seq - state.first_seq + 1 }, (_, i) => state.first_seq + i);
    const messages = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(stream, { seq })));
    return messages.filter((message): message is StoredMsg => message !== null);
  };

  const stop = async () => {
    await hub.close();
    await Promise.all([...nodeConnections.values()].map((connection) => connection.drain()));
    await nc.drain();
    await Promise.all([nats.stop(), redis.stop()]);
    await rm(dir, { recursive: true, force: true });
  };

  return { parties, jsm, send, stored, stop };
}

/** The nodes that received a copy of message `id` of `kind` on BL_DELIVERY, sorted. */
export function receiversOf(deliveries: readonly StoredMsg[], id: string, kind: string): string[] {
  return deliveries
    .filter((message) => message.subject.split('.')[3] === kind && message.header?.get(HEADER_ID) === id)
    .map((message) => message.subject.split('.')[2]!)
    .sort();
}

export { STREAM_DELIVERY };
