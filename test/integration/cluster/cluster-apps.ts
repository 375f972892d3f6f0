// A hub and two agency nodes in-process on a three-server JetStream cluster running the configuration
// `borderlink nats-config` generates for the fixture registry (authentication and permissions on),
// with every stream at three replicas, and Redis. The apps get all three client URLs, as in production.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { Redis } from 'ioredis';
import { NatsConnectionService } from '#messaging';
import { createNodeApp, inboxListKey } from '#node';
import { fixtureKeys, fixtureRegistry } from '#node/testing';
import { createLogger } from '#runtime';
import {
  startNatsCluster,
  startRedis,
  testTls,
  waitFor,
  type NatsClusterHandle,
  type RedisServerHandle,
} from '#testing';
import { bootstrapHub } from '#hub';
import { natsConfigOf } from '#nats-config';
import { appConfigs } from '../../support/app-configs.js';
import { connectAs, generateOperatorKey } from '../../support/secured-nats.js';

/** The agency nodes running as apps: one sends, the other receives. */
export const SENDER = 'kz-border';
export const RECIPIENT = 'tj-border';
type AppNode = typeof SENDER | typeof RECIPIENT;

export interface ClusterApps {
  cluster: NatsClusterHandle;
  /** The operator's JetStream manager (full access), connected to all three servers. */
  jsm: JetStreamManager;
  /** The running apps by name (`hub` and the two nodes), to look at their NATS connections. */
  apps: ReadonlyMap<'hub' | AppNode, INestApplication>;
  /**
   * Moves the leadership of `stream` to `server` by asking the current leader to step down until the
   * election lands there (nats-server 2.9 takes no preferred leader), bounded.
   */
  moveLeader(stream: string, server: string): Promise<void>;
  /** POSTs a JSON body to a node's REST API; resolves with the status and parsed answer. */
  post(node: AppNode, path: string, body: unknown): Promise<{ status: number; body: { id?: string } }>;
  /** The ids in a node's inbox list, as stored (a duplicate would appear twice). */
  inboxIds(node: AppNode): Promise<string[]>;
  stop(): Promise<void>;
}

export async function startClusterApps(): Promise<ClusterApps> {
  const keys = fixtureKeys();
  const registry = fixtureRegistry(keys);
  const operatorKey = generateOperatorKey();
  const tls = await testTls();
  const secured = natsConfigOf(registry, {
    tls,
    storeDir: '{{storeDir}}',
    operatorKeys: [operatorKey.publicKey],
  });
  const [cluster, redis]: [NatsClusterHandle, RedisServerHandle] = await Promise.all([
    startNatsCluster({ config: secured.text, tls: true }),
    startRedis(),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'bl-cluster-apps-'));
  const apps = new Map<'hub' | AppNode, INestApplication>();
  const redisClient = new Redis(redis.url);
  let operator: NatsConnection | undefined;
  const stop = async (): Promise<void> => {
    await Promise.all([...apps.values()].map((app) => app.close()));
    await operator?.close();
    redisClient.disconnect();
    await Promise.all([cluster.stop(), redis.stop()]);
    await rm(dir, { recursive: true, force: true });
  };

  try {
    const base = await bootApps({ keys, registry, dir, natsUrl: cluster.url, redisUrl: redis.url, apps });
    operator = await connectAs(cluster.url, 'operator', operatorKey.seed);
    const jsm = await jetstreamManager(operator);
    const stepDown = operator;
    return {
      cluster,
      jsm,
      apps,
      async moveLeader(stream, server) {
        await waitFor(
          async () => {
            const leader = (await jsm.streams.info(stream)).cluster?.leader;
            if (leader === server) return true;
            if (leader !== undefined) await stepDown.request(`$JS.API.STREAM.LEADER.STEPDOWN.${stream}`);
            return false;
          },
          { timeoutMs: 60_000, what: `${server} to lead ${stream}` },
        );
      },
      async post(node, path, body) {
        const { url, auth } = base.get(node)!;
        const response = await fetch(`${url}${path}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', ...auth },
          body: JSON.stringify(body),
        });
        return { status: response.status, body: (await response.json()) as { id?: string } };
      },
      inboxIds: (node) => redisClient.lrange(inboxListKey(node), 0, -1),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

interface BootInput {
  keys: ReturnType<typeof fixtureKeys>;
  registry: ReturnType<typeof fixtureRegistry>;
  dir: string;
  natsUrl: string;
  redisUrl: string;
  /** Filled with each app as it starts, so that a failure part-way can still close the others. */
  apps: Map<'hub' | AppNode, INestApplication>;
}

// The hub (streams at three replicas) first, since it provisions the nodes' consumers; then the
// nodes, listening on free loopback ports. Resolves with each node's base URL and the tests' key to it.
async function bootApps(
  input: BootInput,
): Promise<Map<AppNode, { url: string; auth: { authorization: string } }>> {
  const configs = await appConfigs(input);
  const hubConfig = await configs.hub({ STREAM_REPLICAS: '3' });
  input.apps.set('hub', await bootstrapHub(hubConfig, createLogger({ service: 'hub' }, 'silent')));
  const base = new Map<AppNode, { url: string; auth: { authorization: string } }>();
  for (const node of [SENDER, RECIPIENT] as const) {
    const app = await createNodeApp(
      await configs.node(node),
      createLogger({ service: 'node', node }, 'silent'),
    );
    input.apps.set(node, app);
    await app.listen(0, '127.0.0.1');
    base.set(node, { url: await app.getUrl(), auth: (await configs.credentials(node)).headers });
  }
  return base;
}

/** The server an app's NATS connection is on now, or undefined while it is not connected. */
export function serverOf(app: INestApplication): string | undefined {
  const nats = app.get(NatsConnectionService);
  return nats.isConnected() ? nats.connection.info?.server_name : undefined;
}
