import { join } from 'node:path';
import { leafSecrets } from '#nats-config';
import { siteMembers, type Registry } from '#registry';
import { spawnNatsServer, type NatsServerHandle, type TlsFiles } from '#process';
import { pickPorts } from './stack-apps.js';
import { stackSiteNatsConfig, type StackLeafSettings } from './stack-nats-config.js';
import type { StackPaths } from './stack-paths.js';

/**
 * Where a site's leaf server dials the hub: given the hub's leaf listener `host:port`, the address
 * to use instead (e.g. a relay that can cut the link), or the listener itself.
 */
export type SiteLink = (site: string, hubLeaf: string) => Promise<string>;

/** A national site the stack runs as a leaf: its server and the nodes connected to it. */
export interface StackSite {
  id: string;
  server: NatsServerHandle;
  /** The registry nodes of the site, which run on `server`. */
  nodes: readonly string[];
}

/**
 * The hub server's leaf settings for `sites`: a free loopback leaf port and each site's secret,
 * kept in `<data>/leaf-secrets` like the seeds.
 */
export async function stackLeafSettings(
  paths: StackPaths,
  sites: readonly string[],
): Promise<StackLeafSettings> {
  const [port] = await pickPorts(1);
  return {
    listen: `127.0.0.1:${port!}`,
    sites,
    secrets: await leafSecrets(join(paths.data, 'leaf-secrets'), sites),
  };
}

/**
 * Starts each site's leaf server on `tls` (its log in `<data>/sites/<site>`), dialling the hub
 * through `link`. Whatever failed to start, the servers started so far are stopped before the error
 * is thrown.
 */
export async function startStackSites(
  registry: Registry,
  paths: StackPaths,
  leaf: StackLeafSettings,
  tls: TlsFiles,
  link: SiteLink = async (_site, hubLeaf) => hubLeaf,
): Promise<StackSite[]> {
  const sites: StackSite[] = [];
  try {
    for (const id of leaf.sites) {
      const hubLeaf = await link(id, leaf.listen);
      const config = stackSiteNatsConfig(registry, tls, { id, hubLeaf, secrets: leaf.secrets });
      const server = await spawnNatsServer({
        dir: join(paths.data, 'sites', id),
        detached: true,
        config,
        jetstream: false,
        tls: true,
      });
      sites.push({ id, server, nodes: siteMembers(registry.nodes, id) });
    }
    return sites;
  } catch (error) {
    await stopStackSites(sites);
    throw error;
  }
}

/** Stops the sites' leaf servers. */
export async function stopStackSites(sites: readonly StackSite[]): Promise<void> {
  await Promise.all(sites.map((site) => site.server.stop()));
}
