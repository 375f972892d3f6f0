// A hub and agency nodes in-process, each connecting with its own nkey, on a spawned NATS running the
// configuration `borderlink nats-config` generates for the fixture registry, and a spawned Redis
// where each connects as its own least-privilege user.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import type { NatsConnection } from '@nats-io/transport-node';
import { createNodeApp } from '#node';
import { fixtureKeys, fixtureRegistry, type FixtureKeys, type FixtureNode } from '#node/testing';
import type { ProtocolVersion } from '#registry';
import { createLogger } from '#runtime';
import { startRedis, waitFor, type NatsServerHandle, type RedisServerHandle } from '#testing';
import { bootstrapHub } from '#hub';
import { appConfigs, type AppConfigsInput, type RedisEnv } from './app-configs.js';
import { testApiKey, type NodeCredentials } from './node-credentials.js';
import { connectAs, generateOperatorKey, startSecuredNats } from './secured-nats.js';

/** The servers, and the apps started on them so far. */
export interface InProcessNetwork {
  nats: NatsServerHandle;
  redis: RedisServerHandle;
  keys: FixtureKeys;
  /** The registry file the apps read. */
  registryFile: string;
  /** The operator user's seed file, for tools that authenticate from one (`borderlink audit`). */
  operatorSeedFile: string;
  /** Connects as an operator user (full access), to inspect or inject into the streams. */
  operator(): Promise<NatsConnection>;
  /** The operator user's seed, for tools that read a seed file (`borderlink dlq --seed`). */
  operatorSeed: string;
  /** Connects as `node` with its own seed: what its credentials let anyone holding them do. */
  connectAs(node: FixtureNode): Promise<NatsConnection>;
  /** Starts one more hub instance (several share the ingress consumer). */
  startHub(): Promise<INestApplication>;
  /** Stops a hub instance started here. */
  stopHub(hub: INestApplication): Promise<void>;
  /** Starts the node's app on a free loopback port (`extra` adds or overrides config); resolves with its base URL. */
  startNode(node: FixtureNode, extra?: Record<string, string>): Promise<string>;
  /** The base URL of a started node. */
  url(node: FixtureNode): string;
  /** The app of a started node, to reach its providers (its clock). */
  nodeApp(node: FixtureNode): INestApplication;
  /** The node's SQLite store file (NODE_STORE_FILE), for tests that act as someone with the file. */
  storeFile(node: FixtureNode): string;
  /** The Authorization header with the tests' API key to a started node (every role, cleared for TLP:RED). */
  auth(node: FixtureNode): { authorization: string };
  /** A JSON request to a started node's API with the tests' key; resolves with the status and parsed body. */
  call<T>(
    node: FixtureNode,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }>;
  /**
   * Another API key to a started node, like the first but another identity, once the node has read
   * it from its keys file.
   */
  anotherKey(node: FixtureNode, name: string): Promise<NodeCredentials>;
  /** Closes every app, then the servers. */
  stop(): Promise<void>;
}

/** Options of {@link startInProcessNetwork}. */
export interface InProcessNetworkOptions {
  /**
   * The ACL the Redis server loads, and how each app connects to it given the server's URL. Default:
   * Redis's open default user, on which each app gets its own user.
   */
  redis?: { acl: string; env(serverUrl: string): RedisEnv };
  /** An OpenID Connect provider the nodes trust besides the tests' API keys. */
  identityProvider?: AppConfigsInput['identityProvider'];
  /** The wire protocol every node's registry entry names; default none, so each reads 1.0. */
  protocol?: ProtocolVersion;
}

export async function startInProcessNetwork(
  options: InProcessNetworkOptions = {},
): Promise<InProcessNetwork> {
  const keys = fixtureKeys();
  const registry = fixtureRegistry(keys);
  const { protocol } = options;
  if (protocol !== undefined) for (const node of registry.nodes) node.protocol = protocol;
  const operatorKey = generateOperatorKey();
  const [nats, redis] = await Promise.all([
    startSecuredNats(registry, { operatorKeys: [operatorKey.publicKey] }),
    startRedis({ acl: options.redis?.acl }),
  ]);
  const dir = await mkdtemp(join(tmpdir(), 'bl-network-'));
  const configs = await appConfigs({
    dir,
    registry,
    keys,
    natsUrl: nats.url,
    redisUrl: redis.url,
    redisEnv: options.redis?.env(redis.url),
    identityProvider: options.identityProvider,
  });
  const operatorSeedFile = join(dir, 'operator.nk');
  await writeFile(operatorSeedFile, `${operatorKey.seed}\n`, { mode: 0o600 });
  const hubs: INestApplication[] = [];
  const started = (node: FixtureNode) => {
    const running = nodes.get(node);
    if (!running) throw new Error(`${node} was not started`);
    return running;
  };
  const nodes = new Map<
    FixtureNode,
    { app: INestApplication; url: string; auth: { authorization: string }; storeFile: string }
  >();
  return {
    nats,
    redis,
    keys,
    registryFile: configs.registryFile,
    operatorSeedFile,
    operator: () => connectAs(nats.url, 'operator', operatorKey.seed),
    operatorSeed: operatorKey.seed,
    connectAs: (node) => connectAs(nats.url, node, keys[node].seed),
    async startHub() {
      const hub = await bootstrapHub(await configs.hub(), createLogger({ service: 'hub' }, 'silent'));
      hubs.push(hub);
      return hub;
    },
    async stopHub(hub) {
      hubs.splice(hubs.indexOf(hub), 1);
      await hub.close();
    },
    async startNode(node, extra) {
      const config = await configs.node(node, extra);
      const app = await createNodeApp(config, createLogger({ service: 'node', node }, 'silent'));
      await app.listen(0, '127.0.0.1');
      const url = await app.getUrl();
      const auth = (await configs.credentials(node)).headers;
      nodes.set(node, { app, url, auth, storeFile: config.NODE_STORE_FILE });
      return url;
    },
    url(node) {
      return started(node).url;
    },
    nodeApp(node) {
      return started(node).app;
    },
    storeFile(node) {
      return started(node).storeFile;
    },
    auth(node) {
      return started(node).auth;
    },
    async call<T>(node: FixtureNode, method: string, path: string, body?: unknown) {
      const { url, auth } = started(node);
      const response = await fetch(`${url}${path}`, {
        method,
        headers: { ...auth, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: response.status, body: (await response.json()) as T };
    },
    async anotherKey(node, name) {
      const credentials = await testApiKey(dir, node, name);
      const { headers } = credentials;
      await waitFor(async () => (await fetch(`${started(node).url}/v1/me`, { headers })).ok || undefined, {
        what: `${node} to take up the key ${name}`,
      });
      return credentials;
    },
    async stop() {
      await Promise.all([...nodes.values()].map(({ app }) => app.close()));
      await Promise.all(hubs.map((hub) => hub.close()));
      await Promise.all([nats.stop(), redis.stop()]);
      await rm(dir, { recursive: true, force: true });
    },
  };
}
