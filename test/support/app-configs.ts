// Validated configs for hub and node apps run inside a test process: the registry and each app's
// seed are written to files in `dir`, as a deployment would hold them, and each app connects to
// Redis as its own least-privilege user, as in production.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeConfig } from '#node';
import type { FixtureKeys, FixtureNode } from '#node/testing';
import { stringifyRegistry, type Registry } from '#registry';
import { redisUser, validateConfig, type RedisPrincipal } from '#runtime';
import { addRedisAppUser } from '#testing';
import { HubConfig } from '#hub';
import { testApiKey, type NodeCredentials } from './node-credentials.js';
import { natsTlsEnv } from './secured-nats.js';

/** How an app connects to Redis: its REDIS_URL, and REDIS_PASSWORD_FILE if any. */
export type RedisEnv = (principal: RedisPrincipal) => Promise<Record<string, string>>;

export interface AppConfigsInput {
  dir: string;
  registry: Registry;
  keys: FixtureKeys;
  natsUrl: string;
  /** A URL that may create Redis users (a private server's open default user). */
  redisUrl: string;
  /** Connect the apps this way instead of as users created on `redisUrl` (e.g. the generated ACL's). */
  redisEnv?: RedisEnv;
  /**
   * An OpenID Connect provider the nodes trust for people's tokens, and each node's audience there;
   * without one, nodes take the tests' API keys only.
   */
  identityProvider?: { issuer: string; audience(node: FixtureNode): string };
}

/** Makes configs of the hub and of fixture nodes; `extra` adds or overrides variables. */
export interface AppConfigs {
  /** The registry file every app reads. */
  registryFile: string;
  hub(extra?: Record<string, string>): Promise<HubConfig>;
  node(node: FixtureNode, extra?: Record<string, string>): Promise<NodeConfig>;
  /** The tests' API key to a node (every role, cleared for TLP:RED), in the keys file its config names. */
  credentials(node: FixtureNode): Promise<NodeCredentials>;
}

export async function appConfigs(input: AppConfigsInput): Promise<AppConfigs> {
  const registryFile = join(input.dir, 'registry.yaml');
  await writeFile(registryFile, stringifyRegistry(input.registry));
  const seedFile = async (node: FixtureNode): Promise<string> => {
    const file = join(input.dir, `${node}.nk`);
    await writeFile(file, input.keys[node].seed, { mode: 0o600 });
    return file;
  };
  // One user per app, made once: every instance of the hub, and a restarted node, share it.
  const users = new Map<string, Promise<string>>();
  const redisEnv: RedisEnv =
    input.redisEnv ??
    (async (principal) => {
      const name = redisUser(principal);
      if (!users.has(name)) users.set(name, addRedisAppUser(input.redisUrl, principal));
      return { REDIS_URL: await users.get(name)! };
    });
  // One keys file and key per node, made once: a restarted node reads the same file.
  const keys = new Map<string, Promise<NodeCredentials>>();
  const credentials = (node: FixtureNode): Promise<NodeCredentials> => {
    if (!keys.has(node)) keys.set(node, testApiKey(input.dir, node));
    return keys.get(node)!;
  };
  const idp = input.identityProvider;
  const common = {
    NATS_URL: input.natsUrl,
    ...(await natsTlsEnv()),
    REGISTRY_FILE: registryFile,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
  };
  return {
    registryFile,
    hub: async (extra = {}) =>
      validateConfig(HubConfig, {
        ...common,
        ...(await redisEnv({ kind: 'hub' })),
        HUB_SEED_FILE: await seedFile('hub'),
        ...extra,
      }),
    node: async (node, extra = {}) =>
      validateConfig(NodeConfig, {
        ...common,
        ...(await redisEnv({ kind: 'node', id: node })),
        NODE_ID: node,
        NODE_SEED_FILE: await seedFile(node),
        NODE_STORE_FILE: join(input.dir, `${node}.store.sqlite`),
        NODE_API_KEYS_FILE: (await credentials(node)).file,
        ...(idp === undefined
          ? {}
          : { NODE_OIDC_ISSUER: idp.issuer, NODE_OIDC_AUDIENCE: idp.audience(node) }),
        ...extra,
      }),
    credentials,
  };
}
