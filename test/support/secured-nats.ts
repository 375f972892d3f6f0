// A nats-server running the configuration `borderlink nats-config` generates for a registry
// (accounts, authentication and permissions on, TLS on this test file's throwaway CA), and the
// clients of the registry's identities on it: the hub with its own nkey, each node with its own,
// and an operator user in the hub's account that inspects the streams.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import {
  connect,
  headers as natsHeaders,
  nkeyAuthenticator,
  PermissionViolationError,
  type NatsConnection,
} from '@nats-io/transport-node';
import { jetstream, type JetStreamManager, type PubAck, type StoredMsg } from '@nats-io/jetstream';
import { CONSUMER_HUB_INGRESS, STREAM_INGRESS } from '#contracts';
import { inboxPrefixOf } from '#messaging';
import { stringifyRegistry, type Registry } from '#registry';
import { createLogger, validateConfig } from '#runtime';
import { startNats, testTls, waitFor, type NatsServerHandle } from '#testing';
import { generateNodeKey } from '#trust';
import { bootstrapHub, HubConfig } from '#hub';
import { natsConfigOf } from '#nats-config';

/** An nkey user outside the registry with full access (the config generator's operator key). */
export interface OperatorKey {
  publicKey: string;
  seed: string;
}

/** A fresh operator key, to pass to {@link startSecuredNats} and {@link connectAs}. */
export function generateOperatorKey(): OperatorKey {
  const { publicKey, seed } = generateNodeKey();
  return { publicKey, seed };
}

/** A private nats-server with the registry's generated configuration (authentication and TLS on). */
export async function startSecuredNats(
  registry: Registry,
  options: { operatorKeys?: readonly string[] } = {},
): Promise<NatsServerHandle> {
  const tls = await testTls();
  // The harness replaces {{storeDir}} with the server's temporary store.
  const config = natsConfigOf(registry, {
    tls,
    storeDir: '{{storeDir}}',
    operatorKeys: options.operatorKeys,
  });
  return startNats({ config: config.text, tls: true, files: [tls.caFile, tls.certFile, tls.keyFile] });
}

/** The environment that points an app at this test file's CA (NATS_CA_FILE). */
export async function natsTlsEnv(): Promise<{ NATS_CA_FILE: string }> {
  return { NATS_CA_FILE: (await testTls()).caFile };
}

/**
 * Connects as the nkey user of `seed`, with the inbox prefix of `identity`, over TLS trusting this
 * test file's CA, as the apps do.
 */
export async function connectAs(url: string, identity: string, seed: string): Promise<NatsConnection> {
  return connect({
    servers: url,
    name: `test-${identity}`,
    authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)),
    inboxPrefix: inboxPrefixOf(identity),
    tls: { caFile: (await testTls()).caFile },
  });
}

/** The server's refusal in an error or its causes, if that is what it is. */
export function permissionViolation(error: unknown): PermissionViolationError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof PermissionViolationError) return current;
    current = current.cause;
  }
  return undefined;
}

/** One message as published on NATS; header lines may repeat a name, no `msgId` means no Nats-Msg-Id. */
export interface Publication {
  subject: string;
  headers: Iterable<readonly [string, string]>;
  body: Uint8Array;
  msgId?: string;
}

/** JetStream-publishes `message` over `nc` (which must be allowed to publish on its subject). */
export function publishOn(nc: NatsConnection, message: Publication, timeout?: number): Promise<PubAck> {
  const h = natsHeaders();
  for (const [name, value] of message.headers) h.append(name, value);
  return jetstream(nc, { checkAPI: false }).publish(message.subject, message.body, {
    ...(message.msgId === undefined ? {} : { msgID: message.msgId }),
    ...(timeout === undefined ? {} : { timeout }),
    headers: h,
  });
}

/** One connection per node, each authenticated with that node's own seed, opened on first use. */
export class NodeConnections {
  private readonly open = new Map<string, Promise<NatsConnection>>();

  constructor(
    private readonly url: string,
    private readonly seedOf: (node: string) => string | undefined,
  ) {}

  of(node: string): Promise<NatsConnection> {
    let connection = this.open.get(node);
    if (connection === undefined) {
      const seed = this.seedOf(node);
      if (seed === undefined) return Promise.reject(new RangeError(`no seed for node ${node}`));
      connection = connectAs(this.url, node, seed);
      this.open.set(node, connection);
    }
    return connection;
  }

  /** Publishes `message` as `node` (by default the node its ingress subject `bl.in.<node>.<kind>` names). */
  async publish(message: Publication, node = ingressNodeOf(message.subject)): Promise<PubAck> {
    return publishOn(await this.of(node), message);
  }

  async close(): Promise<void> {
    const connections = await Promise.allSettled(this.open.values());
    this.open.clear();
    await Promise.all(
      connections.map((settled) => (settled.status === 'fulfilled' ? settled.value.drain() : undefined)),
    );
  }
}

/** The node an ingress subject `bl.in.<node>.…` belongs to. */
export function ingressNodeOf(subject: string): string {
  return subject.split('.')[2] ?? '';
}

/** Resolves once the hubs have acked every ingress message up to `seq`. */
export async function ingressProcessed(jsm: JetStreamManager, seq: number): Promise<void> {
  await waitFor(
    async () => {
      const info = await jsm.consumers.info(STREAM_INGRESS, CONSUMER_HUB_INGRESS);
      return info.ack_floor.stream_seq >= seq && info.num_ack_pending === 0;
    },
    { timeoutMs: 30_000, what: `the hub to ack ingress message ${seq}` },
  );
}

const STORED_READ_BATCH = 200;

/** Every message in `stream`, oldest first. */
export async function storedMessages(jsm: JetStreamManager, stream: string): Promise<StoredMsg[]> {
  const { state } = await jsm.streams.info(stream);
  if (state.messages === 0) return [];
  const messages: StoredMsg[] = [];
  // A bounded number of requests in flight: thousands at once time out on a busy machine.
  for (let first = state.first_seq; first <= state.last_seq; first += STORED_READ_BATCH) {
    const last = Math.min(first + STORED_READ_BATCH - 1, state.last_seq);
    const seqs = Array.from({ length: last - first + 1 }, (_, i) => first + i);
    const batch = await Promise.all(seqs.map((seq) => jsm.streams.getMessage(stream, { seq })));
    messages.push(...batch.filter((message): message is StoredMsg => message !== null));
  }
  return messages;
}

/** The files a hub reads: the registry (reloaded when it changes) and its own seed (`hub` by default). */
export interface HubFiles {
  dir: string;
  registryFile: string;
  seedFile: string;
  remove(): Promise<void>;
}

export async function writeHubFiles(
  registry: Registry,
  hubSeed: string,
  prefix = 'bl-hub-',
): Promise<HubFiles> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  const registryFile = join(dir, 'registry.yaml');
  const seedFile = join(dir, 'hub.nk');
  await writeFile(registryFile, stringifyRegistry(registry));
  await writeFile(seedFile, `${hubSeed}\n`, { mode: 0o600 });
  return { dir, registryFile, seedFile, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * Boots a hub in this process against `natsUrl` and `redisUrl`: it connects with the nkey in its
 * seed file (and its own inbox prefix), as in production.
 */
export async function bootHub(
  files: HubFiles,
  natsUrl: string,
  redisUrl: string,
  overrides: Record<string, string> = {},
): Promise<INestApplication> {
  const config = validateConfig(HubConfig, {
    NATS_URL: natsUrl,
    ...(await natsTlsEnv()),
    REDIS_URL: redisUrl,
    REGISTRY_FILE: files.registryFile,
    HUB_SEED_FILE: files.seedFile,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
    ...overrides,
  });
  return bootstrapHub(config, createLogger({ service: 'hub', node: config.HUB_ID }, config.LOG_LEVEL));
}
