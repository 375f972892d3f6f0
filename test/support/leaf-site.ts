// A hub nats-server and one national site's leaf server, both on the configurations
// `borderlink nats-config` generates (the hub's with a leaf listener, the site's with `--site`, TLS
// on every link with the test file's CA), and a registry with two nodes of that site and one outside it.
import { freePort, spawnNatsServer, waitFor, type NatsServerHandle } from '#process';
import { JetStreamApiError, jetstream } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HUB_JETSTREAM_DOMAIN, STREAM_DELIVERY, nodeDeliveryConsumer } from '#contracts';
import { testTls } from '#testing';
import type { Registry, RegistryNode } from '#registry';
import { generateNodeKey } from '#trust';
import { natsConfigOf } from '#nats-config';

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
