// Boots node apps in-process against real NATS and Redis servers, for the node's integration tests.
// NATS runs the configuration `borderlink nats-config` generates for the registry (authentication
// and permissions on): the node connects with its own nkey, and to Redis as its own least-privilege
// user; tests play the hub as an operator user.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAM_DEFINITIONS } from '#contracts';
import { provisionStreams } from '#messaging';
import { createNodeApp, NodeConfig } from '#node';
import { fixtureKeys, fixtureRegistry, type FixtureKeys } from '#node/testing';
import { RegistryIndex, stringifyRegistry, type Registry } from '#registry';
import { createLogger, validateConfig } from '#runtime';
import { addRedisAppUser, startRedis, type NatsServerHandle, type RedisServerHandle } from '#testing';
import { provisionNodeConsumers, receivingNodes } from '#hub';
import { testApiKey, type NodeCredentials } from '../../support/node-credentials.js';
import { connectAs, generateOperatorKey, natsTlsEnv, startSecuredNats } from '../../support/secured-nats.js';

/** The node under test in the fixture registry. */
export const NODE = 'kz-border';

/** Another registry to run the node under: its data, the node's id and its enrolled seed. */
export interface TestbedIdentity {
  registry: Registry;
  node: string;
  seed: string;
}

/** Servers and registry file shared by the node apps of one test file. */
export interface NodeTestbed {
  nats: NatsServerHandle;
  redis: RedisServerHandle;
  /** Keys of the fixture registry's nodes (unused with another identity). */
  keys: FixtureKeys;
  registry: RegistryIndex;
  /** Connects as an operator user (full access), to play the hub and inspect the streams. */
  operator(): Promise<NatsConnection>;
  /** The operator user's nkey seed, for tools that authenticate from a seed file (`borderlink dlq`). */
  operatorSeed: string;
  /** The test's API key to the node (every role, cleared for TLP:RED), in the node's keys file. */
  credentials: NodeCredentials;
  /** The Authorization header with that key. */
  auth: { authorization: string };
  /**
   * The node's config; `seed` replaces the enrolled seed written to NODE_SEED_FILE, `outboxFile` the
   * fresh outbox file each config gets (pass the same one to restart a node on its queue).
   */
  config(seed?: string, outboxFile?: string): NodeConfig;
  /** Creates the node app and listens on a free loopback port; resolves with the app and its base URL. */
  start(config?: NodeConfig): Promise<{ app: INestApplication; base: string }>;
  stop(): Promise<void>;
}

/** Private NATS and Redis servers, and the fixture registry with `kz-border` as the node, unless `identity` says otherwise. */
export async function startTestbed(identity?: TestbedIdentity): Promise<NodeTestbed> {
  const keys = fixtureKeys();
  const { registry, node, seed } = identity ?? {
    registry: fixtureRegistry(keys),
    node: NODE,
    seed: keys[NODE].seed,
  };
  const operatorKey = generateOperatorKey();
  const [nats, redis] = await Promise.all([
    startSecuredNats(registry, { operatorKeys: [operatorKey.publicKey] }),
    startRedis(),
  ]);
  const redisUrl = await addRedisAppUser(redis.url, { kind: 'node', id: node });
  const dir = mkdtempSync(join(tmpdir(), 'bl-node-it-'));
  writeFileSync(join(dir, 'registry.yaml'), stringifyRegistry(registry));
  const operator = () => connectAs(nats.url, 'operator', operatorKey.seed);
  const tlsEnv = await natsTlsEnv();
  await provisionAsHub(await operator(), registry);
  const credentials = await testApiKey(dir, node);
  let seeds = 0;
  const testbed: NodeTestbed = {
    nats,
    redis,
    keys,
    registry: new RegistryIndex(registry),
    operator,
    operatorSeed: operatorKey.seed,
    credentials,
    auth: credentials.headers,
    config(seedText = seed, outboxFile?: string) {
      const seedFile = join(dir, `${node}-${++seeds}.nk`);
      writeFileSync(seedFile, seedText);
      return validateConfig(NodeConfig, {
        NODE_ID: node,
        NODE_SEED_FILE: seedFile,
        NODE_STORE_FILE: outboxFile ?? join(dir, `${node}-${seeds}.outbox.sqlite`),
        REGISTRY_FILE: join(dir, 'registry.yaml'),
        NATS_URL: nats.url,
        ...tlsEnv,
        REDIS_URL: redisUrl,
        HTTP_PORT: '0',
        LOG_LEVEL: 'silent',
        NODE_API_KEYS_FILE: credentials.file,
      });
    },
    async start(config = testbed.config()) {
      const app = await createNodeApp(
        config,
        createLogger({ service: 'node', node: config.NODE_ID }, config.LOG_LEVEL),
      );
      await app.listen(config.HTTP_PORT, '127.0.0.1');
      return { app, base: await app.getUrl() };
    },
    async stop() {
      await Promise.all([nats.stop(), redis.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return testbed;
}

// The node only binds to its delivery consumer: here, as in production, the hub's provisioning creates it.
async function provisionAsHub(nc: NatsConnection, registry: Registry): Promise<void> {
  try {
    const manager = await jetstreamManager(nc, { checkAPI: false });
    await provisionStreams(manager, [...STREAM_DEFINITIONS]);
    await provisionNodeConsumers(manager, receivingNodes(registry.nodes));
  } finally {
    await nc.close();
  }
}
