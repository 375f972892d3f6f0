// A hub nats-server and one national site's leaf server, both on the configurations
// `borderlink nats-config` generates (the hub's with a leaf listener, the site's with `--site`, TLS
// on every link with the test file's CA), a registry with two nodes of that site and one outside it,
// and the hub and nodes running on them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { freePort, spawnNatsServer, waitFor, type NatsServerHandle } from '#process';
import { JetStreamApiError, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HUB_JETSTREAM_DOMAIN, STREAM_DELIVERY, nodeDeliveryConsumer } from '#contracts';
import { createNodeApp, NodeConfig } from '#node';
import { stringifyRegistry, type Registry, type RegistryNode } from '#registry';
import { createLogger, validateConfig } from '#runtime';
import { addRedisAppUser, startRedis, testTls } from '#testing';
import { generateNodeKey } from '#trust';
import { natsConfigOf } from '#nats-config';
import { testApiKey } from './node-credentials.js';
import { bootHub, natsTlsEnv, writeHubFiles } from './secured-nats.js';

export const SITE = 'kz';
/** Two nodes of site kz (on its leaf server) and one of tj (on the hub's server). */
export const SITE_NODES = ['kz-border', 'kz-customs'] as const;
export const REMOTE_NODE = 'tj-border';
/** The site's leaf secret: users `leaf-<node>` of its nodes' accounts log in with it. */
export const LEAF_SECRET = 'test-leaf-secret-of-kz-0123456789';

/** An nkey pair: seed `SU…` and public key `U…`. */
export type NodeKey = ReturnType<typeof generateNodeKey>;

/** The registry's identities and their keys, plus an operator key outside it. */
export interface LeafKeys {
  hub: NodeKey;
  nodes: Record<string, NodeKey>;
  operator: NodeKey;
}

export function generateLeafKeys(): LeafKeys {
  const nodes = Object.fromEntries([...SITE_NODES, REMOTE_NODE].map((id) => [id, generateNodeKey()]));
  return { hub: generateNodeKey(), nodes, operator: generateNodeKey() };
}

/** Hub, kz-border and kz-customs (country KZ, organisations kz-bg and kz-cs), tj-border (TJ). */
export function leafRegistry(keys: LeafKeys, extra: Partial<Registry> = {}): Registry {
  const node = (id: string, organisation: string, country: string): RegistryNode => ({
    id,
    name: id,
    kind: id === 'kz-customs' ? 'customs' : 'border',
    organisation,
    country,
    publicKeys: [keys.nodes[id]!.publicKey],
    subscriptions: [],
  });
  return {
    version: 1,
    regions: [],
    sections: [],
    crossingPoints: [],
    organisations: [
      { id: 'hub-org', name: 'Hub' },
      { id: 'kz-bg', name: 'KZ border guard' },
      { id: 'kz-cs', name: 'KZ customs' },
      { id: 'tj-bg', name: 'TJ border troops' },
    ],
    nodes: [
      {
        id: 'hub',
        name: 'Hub',
        kind: 'hub',
        organisation: 'hub-org',
        publicKeys: [keys.hub.publicKey],
        subscriptions: [],
      },
      node('kz-border', 'kz-bg', 'KZ'),
      node('kz-customs', 'kz-cs', 'KZ'),
      node(REMOTE_NODE, 'tj-bg', 'TJ'),
    ],
    ...extra,
  };
}

/** The two servers of a test. */
export interface LeafServers {
  hub: NatsServerHandle;
  site: NatsServerHandle;
  stop(): Promise<void>;
}

/**
 * Starts the hub's server (leaf listener) and the site's leaf server, which dials the hub's leaf
 * listener `host:port` at the address `link` gives for it (default: the listener itself).
 */
export async function startLeafServers(
  registry: Registry,
  operatorKey: string,
  link: (hubLeaf: string) => Promise<string> = async (hubLeaf) => hubLeaf,
): Promise<LeafServers> {
  const leafPort = await freePort();
  const tls = await testTls();
  const leafSecrets = new Map([[SITE, LEAF_SECRET]]);
  const hubConfig = natsConfigOf(registry, {
    tls,
    storeDir: '{{storeDir}}',
    operatorKeys: [operatorKey],
    leafSecrets,
    leafListen: `127.0.0.1:${leafPort}`,
    leafSites: [SITE],
  });
  const siteConfig = natsConfigOf(registry, {
    tls,
    leafSecrets,
    site: SITE,
    hubUrl: `tls://${await link(`127.0.0.1:${leafPort}`)}`,
  });
  const hub = await spawnNatsServer({ config: hubConfig.text, tls: true });
  const site = await spawnNatsServer({ config: siteConfig.text, tls: true, jetstream: false }).catch(
    async (error: unknown) => {
      await hub.stop();
      throw error;
    },
  );
  return { hub, site, stop: () => Promise.all([site.stop(), hub.stop()]).then(() => undefined) };
}

/**
 * Resolves once the hub's JetStream answers a site node through its account's leaf connection:
 * its delivery consumer's info, or the answer that it does not exist yet.
 */
export async function leafConnected(
  siteConnection: NatsConnection,
  node: string,
  timeoutMs = 20_000,
): Promise<void> {
  const consumers = jetstream(siteConnection, { domain: HUB_JETSTREAM_DOMAIN, timeout: 1_000 }).consumers;
  await waitFor(
    () =>
      consumers.get(STREAM_DELIVERY, nodeDeliveryConsumer(node)).then(
        () => true,
        (error: unknown) => error instanceof JetStreamApiError,
      ),
    { timeoutMs, what: `the hub's JetStream through ${node}'s leaf connection` },
  );
}

/** What a node's REST API shows of one inbox item. */
export interface LeafInboxItem {
  id: string;
  sender: string;
  verified: boolean;
  viaSite?: boolean;
}

/** What a node's REST API shows of one message it sent. */
export interface LeafSentMessage {
  status: string;
  recipients: { node: string; state: string }[];
}

/** The servers, Redis, the hub and the nodes of a site test, and the nodes' REST APIs. */
export interface LeafNetwork {
  servers: LeafServers;
  keys: LeafKeys;
  registry: Registry;
  /** Starts `node` on the site's leaf server (site nodes) or on the hub's server. */
  startNode(node: string): Promise<void>;
  /** `node`'s base URL. */
  base(node: string): string;
  inbox(node: string): Promise<LeafInboxItem[]>;
  sent(node: string, id: string): Promise<LeafSentMessage | undefined>;
  /** Posts an alert through `node`'s REST API; resolves with the answer's status and body. */
  postAlert(node: string, body: unknown): Promise<{ status: number; body: { id: string; status: string } }>;
  stop(): Promise<void>;
}

/**
 * A hub server and site kz's leaf server with the generated configurations, Redis (each app its own
 * user), one hub (booted with `hubOverrides`), and nodes started on demand: site nodes on the leaf
 * server, the rest on the hub's.
 */
export async function startLeafNetwork(
  keys: LeafKeys,
  registry: Registry,
  hubOverrides: Record<string, string> = {},
): Promise<LeafNetwork> {
  const dir = mkdtempSync(join(tmpdir(), 'bl-leaf-'));
  writeFileSync(join(dir, 'registry.yaml'), stringifyRegistry(registry));
  const [servers, redis] = await Promise.all([
    startLeafServers(registry, keys.operator.publicKey),
    startRedis(),
  ]);
  const files = await writeHubFiles(registry, keys.hub.seed, 'bl-leaf-hub-');
  // Each app as its own least-privilege Redis user, as in production.
  const hub = await bootHub(
    files,
    servers.hub.url,
    await addRedisAppUser(redis.url, { kind: 'hub' }),
    hubOverrides,
  );
  const nodes = new Map<string, { app: INestApplication; base: string; auth: { authorization: string } }>();
  const started = (node: string) => {
    const app = nodes.get(node);
    if (app === undefined) throw new Error(`${node} was not started`);
    return app;
  };
  const base = (node: string): string => started(node).base;
  const auth = (node: string): { authorization: string } => started(node).auth;
  const json = async <T>(response: Response): Promise<T> => (await response.json()) as T;
  return {
    servers,
    keys,
    registry,
    async startNode(node) {
      const onSite = (SITE_NODES as readonly string[]).includes(node);
      const seedFile = join(dir, `${node}.nk`);
      writeFileSync(seedFile, keys.nodes[node]!.seed);
      const credentials = await testApiKey(dir, node);
      const config = validateConfig(NodeConfig, {
        NODE_ID: node,
        NODE_SEED_FILE: seedFile,
        NODE_STORE_FILE: join(dir, `${node}.outbox.sqlite`),
        REGISTRY_FILE: join(dir, 'registry.yaml'),
        NATS_URL: onSite ? servers.site.url : servers.hub.url,
        ...(await natsTlsEnv()),
        REDIS_URL: await addRedisAppUser(redis.url, { kind: 'node', id: node }),
        HTTP_PORT: '0',
        LOG_LEVEL: 'silent',
        NODE_API_KEYS_FILE: credentials.file,
        ...(onSite ? { NODE_SITE: SITE } : {}),
      });
      const app = await createNodeApp(config, createLogger({ service: 'node', node }, config.LOG_LEVEL));
      await app.listen(0, '127.0.0.1');
      nodes.set(node, { app, base: await app.getUrl(), auth: credentials.headers });
    },
    base,
    inbox: async (node) =>
      (await json<{ items: LeafInboxItem[] }>(await fetch(`${base(node)}/v1/inbox`, { headers: auth(node) })))
        .items,
    async sent(node, id) {
      const response = await fetch(`${base(node)}/v1/messages/${id}`, { headers: auth(node) });
      return response.ok ? json<LeafSentMessage>(response) : undefined;
    },
    async postAlert(node, body) {
      const response = await fetch(`${base(node)}/v1/alerts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...auth(node) },
        body: JSON.stringify(body),
      });
      return { status: response.status, body: await json<{ id: string; status: string }>(response) };
    },
    async stop() {
      await Promise.allSettled([...nodes.values()].map(({ app }) => app.close()));
      await hub.close();
      await Promise.allSettled([servers.stop(), redis.stop(), files.remove()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
