import { natsConfigOf } from '#nats-config';
import { STORE_DIR_TOKEN } from '#process';
import { ensureSeedFile, type Registry } from '#registry';
import type { StackPaths } from './stack-paths.js';

/** The hub server's leaf node listener and the national sites allowed on it. */
export interface StackLeafSettings {
  /** `host:port` of the leaf node listener. */
  listen: string;
  sites: readonly string[];
  /** Each site's leaf secret. */
  secrets: ReadonlyMap<string, string>;
}

/**
 * The configuration the stack's own nats-server runs: the enrolled registry's nkey users and
 * permissions (`borderlink nats-config`), plus an operator user whose seed is kept at
 * `paths.operatorSeed` (created on the first run) for tools and tests that inspect the streams.
 */
export async function stackNatsConfig(
  registry: Registry,
  paths: StackPaths,
  leaf?: StackLeafSettings,
): Promise<string> {
  const operatorKey = await ensureSeedFile(paths.operatorSeed);
  const leafSettings =
    leaf === undefined ? {} : { leafListen: leaf.listen, leafSites: leaf.sites, leafSecrets: leaf.secrets };
  return natsConfigOf(registry, { storeDir: STORE_DIR_TOKEN, operatorKeys: [operatorKey], ...leafSettings })
    .text;
}

/**
 * The configuration of national site `site`'s leaf server: its nodes and the operator user, with a
 * remote to the hub's leaf listener at `hubLeaf` (`host:port`) on the site's leaf secret.
 */
export async function stackSiteNatsConfig(
  registry: Registry,
  paths: StackPaths,
  site: { id: string; hubLeaf: string; secrets: ReadonlyMap<string, string> },
): Promise<string> {
  const operatorKey = await ensureSeedFile(paths.operatorSeed);
  return natsConfigOf(registry, {
    storeDir: STORE_DIR_TOKEN,
    operatorKeys: [operatorKey],
    site: site.id,
    hubUrl: `nats-leaf://${site.hubLeaf}`,
    leafSecrets: site.secrets,
  }).text;
}
