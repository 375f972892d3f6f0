// Validated configs for hub and node apps run inside a test process: the registry and each app's
// seed are written to files in `dir`, as a deployment would hold them.
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeConfig } from '#node';
import type { FixtureKeys, FixtureNode } from '#node/testing';
import { stringifyRegistry, type Registry } from '#registry';
import { validateConfig } from '#runtime';
import { HubConfig } from '#hub';

export interface AppConfigsInput {
  dir: string;
  registry: Registry;
  keys: FixtureKeys;
  natsUrl: string;
  redisUrl: string;
}

/** Makes configs of the hub and of fixture nodes; `extra` adds or overrides variables. */
export interface AppConfigs {
  /** The registry file every app reads. */
  registryFile: string;
  hub(extra?: Record<string, string>): Promise<HubConfig>;
  node(node: FixtureNode, extra?: Record<string, string>): Promise<NodeConfig>;
}

export async function appConfigs(input: AppConfigsInput): Promise<AppConfigs> {
  const registryFile = join(input.dir, 'registry.yaml');
  await writeFile(registryFile, stringifyRegistry(input.registry));
  const seedFile = async (node: FixtureNode): Promise<string> => {
    const file = join(input.dir, `${node}.nk`);
    await writeFile(file, input.keys[node].seed, { mode: 0o600 });
    return file;
  };
  const common = {
    NATS_URL: input.natsUrl,
    REDIS_URL: input.redisUrl,
    REGISTRY_FILE: registryFile,
    HTTP_PORT: '0',
    LOG_LEVEL: 'silent',
  };
  return {
    registryFile,
    hub: async (extra = {}) =>
      validateConfig(HubConfig, { ...common, HUB_SEED_FILE: await seedFile('hub'), ...extra }),
    node: async (node, extra = {}) =>
      validateConfig(NodeConfig, {
        ...common,
        NODE_ID: node,
        NODE_SEED_FILE: await seedFile(node),
        NODE_STORE_FILE: join(input.dir, `${node}.store.sqlite`),
        ...extra,
      }),
  };
}
