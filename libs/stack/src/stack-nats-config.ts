import { natsConfigOf } from '#nats-config';
import { STORE_DIR_TOKEN, type TlsFiles } from '#process';
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
 * The configuration the stack's own nats-server runs: the enrolled registry's accounts and nkey
 * users (`borderlink nats-config`) on `tls`, plus an operator user in the hub's account whose seed
 * is kept at `paths.operatorSeed` (created on the first run) for tools, tests and the console that
 * inspect the streams; with `monitor` (`127.0.0.1:<port>`), the monitoring endpoint the console reads
 * the servers' health from, on loopback only. A production server's monitoring is its operator's
 * choice (`borderlink nats-config --monitor`).
 */
export async function stackNatsConfig(
  registry: Registry,
  paths: StackPaths,
  tls: TlsFiles,
  leaf?: StackLeafSettings,
  monitor?: string,
): Promise<string> {
  const operatorKey = await ensureSeedFile(paths.operatorSeed);
  const leafSettings =
    leaf === undefined ? {} : { leafListen: leaf.listen, leafSites: leaf.sites, leafSecrets: leaf.secrets };
  return natsConfigOf(registry, {
    tls,
    storeDir: STORE_DIR_TOKEN,
    operatorKeys: [operatorKey],
    ...leafSettings,
    ...(monitor === undefined ? {} : { monitor }),
  }).text;
}

/**
 * The configuration of national site `site`'s leaf server: its nodes' accounts on `tls`, each with
 * a TLS leaf connection to the hub's leaf listener at `hubLeaf` (`host:port`) on the site's secret.
 */
export function stackSiteNatsConfig(
  registry: Registry,
  tls: TlsFiles,
  site: { id: string; hubLeaf: string; secrets: ReadonlyMap<string, string> },
): string {
  return natsConfigOf(registry, {
    tls,
    site: site.id,
    hubUrl: `tls://${site.hubLeaf}`,
    leafSecrets: site.secrets,
  }).text;
}
