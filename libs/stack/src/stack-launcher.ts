import { mkdir, rm, writeFile } from 'node:fs/promises';
import { privateTls } from '#process';
import type { Registry } from '#registry';
import { redisServerOf, redisUrlWithCredentials } from '#runtime';
import { AppProcess, type AppExit } from './app-process.js';
import {
  DEMO_CLIENT_ID,
  DEMO_PASSWORD_GRANT,
  demoOperators,
  demoPeople,
  nodeAudience,
  startDemoIdentityProvider,
  type DemoIdentityProvider,
  type DemoPerson,
} from './demo-identity-provider.js';
import { ensureDemoApiKey } from './stack-access.js';
import { enrolStackKeys } from './stack-keys.js';
import { hubId, selectNodes } from './node-selection.js';
import {
  consoleProcessSpec,
  hubProcessSpec,
  nodeProcessSpec,
  pickPorts,
  type StackAppsConfig,
} from './stack-apps.js';
import { stackNatsConfig } from './stack-nats-config.js';
import {
  stackLeafSettings,
  startStackSites,
  stopStackSites,
  type SiteLink,
  type StackSite,
} from './stack-sites.js';
import { stackPaths, type StackPaths } from './stack-paths.js';
import { REDIS_ADMIN_USER, stackRedisUsers } from './stack-redis-users.js';
import {
  startStackServers,
  stopStackServers,
  type GivenServers,
  type StackServers,
} from './stack-servers.js';
import { stackFileContent, type StackSummary } from './stack-summary.js';
import { StackConfigError } from './stack.errors.js';
import type { StackIo } from './stack-io.js';

/** What `borderlink up` starts, and from where. */
export interface StackOptions {
  /** The data folder (`.data`): keys, enrolled registry, server data, logs, stack.json. */
  dataDir: string;
  /** The registry to enrol (deploy/registry/registry.yaml). */
  registry: string;
  /** `--nodes`: comma-separated ids, `all`, or undefined for the default cast. */
  nodes?: string;
  /** The `dist/` folder of the build. */
  distDir: string;
  /** NATS_URL / REDIS_URL (and NATS_CA_FILE), when the stack must use these servers instead of its own. */
  given: GivenServers;
  /**
   * Take the README's ports when free (hub 8080, nodes 3001, 3002, …; default true). Tests, which
   * may run side by side, take any free ports instead.
   */
  preferredPorts?: boolean;
  /** More variables for every app, e.g. LOG_LEVEL or HUB_CONCURRENCY. */
  env?: Readonly<Record<string, string>>;
  /**
   * National sites (`kz`) run as leaf servers of the stack's own NATS: their nodes connect to
   * them with NODE_SITE set.
   */
  sites?: readonly string[];
  /** Where each site's leaf server dials the hub (default: the hub's leaf listener itself). */
  siteLink?: SiteLink;
  /** Restart each app whenever its compiled code changes (`npm run dev`). */
  watch?: boolean;
  /**
   * Add a Redis user with every right to the stack's own Redis, its password held in memory only
   * (`RunningStack.redisAdminUrl`): for tests that read every inbox or wipe Redis. Never for `up`.
   */
  redisAdmin?: boolean;
}

export const PREFERRED_HUB_PORT = 8080;
export const PREFERRED_FIRST_NODE_PORT = 3001;
export const PREFERRED_IDENTITY_PROVIDER_PORT = 3900;
export const PREFERRED_CONSOLE_PORT = 8090;
/** The stack's own NATS monitoring endpoint, on loopback (read by the console). */
export const PREFERRED_NATS_MONITOR_PORT = 18222;

/** A process of the stack that exited without being asked to. */
export interface StackExit extends AppExit {
  name: string;
  logFile: string;
}

/** The stack once it is up. */
export interface RunningStack {
  summary: StackSummary;
  paths: StackPaths;
  /** The enrolled registry the apps run on. */
  registry: Registry;
  /** Its NATS and Redis (a handle on those it started). */
  servers: StackServers;
  /** The demo identity provider every node trusts, with its people. */
  identityProvider: DemoIdentityProvider;
  /** The URL of the Redis admin user, with its credentials, when `redisAdmin` asked for one. */
  redisAdminUrl?: string;
  /** The CA the apps check the NATS servers' certificates against (`<data>/tls/ca.pem` for its own). */
  natsCaFile: string | undefined;
  /** The national sites running as leaf servers, by id. */
  sites: ReadonlyMap<string, StackSite>;
  /** What its apps share, to start more of them (e.g. a second hub instance). */
  apps: StackAppsConfig;
  hub: AppProcess;
  /** The operations console. */
  console: AppProcess;
  /** The agency nodes by id, in start order. */
  nodes: ReadonlyMap<string, AppProcess>;
  /** Calls `listener` when the hub or a node exits unexpectedly. */
  onUnexpectedExit(listener: (exit: StackExit) => void): void;
  /** Stops the console and the nodes, then the hub, then the servers it started; removes stack.json. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Starts the local stack: keys and the enrolled registry, servers (given, or its own with NATS
 * running the registry's generated permissions, authentication on, and a loopback monitoring
 * endpoint), the demo identity provider (knowing the console's and the desks' callbacks), the hub,
 * then the operations console and the agency nodes in parallel, each healthy before this resolves;
 * then writes `stack.json`.
 * Whatever failed to start, everything started so far is stopped before the error is thrown.
 */
export async function launchStack(options: StackOptions, io: StackIo): Promise<RunningStack> {
  const paths = stackPaths(options.dataDir);
  const keys = await enrolStackKeys(paths, options.registry);
  for (const warning of keys.warnings) io.err(`warning: ${warning}\n`);
  io.out(`keys: ${paths.keys} (${keys.generated} generated), registry: ${paths.registry}\n`);
  const nodeIds = selectNodes(keys.registry, options.nodes);
  const hub = hubId(keys.registry);
  const preferred = options.preferredPorts ?? true;

  const siteIds = options.sites ?? [];
  if (siteIds.length > 0 && (options.given.natsUrl ?? '') !== '') {
    throw new StackConfigError(
      "--site runs leaf servers of the stack's own NATS: it cannot go with NATS_URL",
    );
  }
  const leaf = siteIds.length === 0 ? undefined : await stackLeafSettings(paths, siteIds);
  const ownRedis = (options.given.redisUrl ?? '') === '';
  const redisUsers = ownRedis ? await stackRedisUsers(keys.registry, paths, options.redisAdmin) : undefined;
  // Its own servers run TLS on a private CA kept in <data>/tls; a given NATS comes with its own CA.
  const ownNats = (options.given.natsUrl ?? '') === '';
  const tls = ownNats ? await privateTls({ dir: paths.tls }) : undefined;
  const natsCaFile = tls?.caFile ?? options.given.natsCaFile;
  const [monitorPort] = ownNats
    ? await pickPorts(1, preferred ? PREFERRED_NATS_MONITOR_PORT : undefined)
    : [];
  const natsMonitor = monitorPort === undefined ? undefined : `127.0.0.1:${monitorPort}`;
  const servers = await startStackServers(paths, options.given, {
    natsConfig: tls === undefined ? '' : await stackNatsConfig(keys.registry, paths, tls, leaf, natsMonitor),
    redisAcl: redisUsers?.acl,
    preferredPorts: preferred,
  });
  io.out(
    `nats:  ${describeServer(servers.nats.url, servers.nats, paths.nats)}\n` +
      `redis: ${describeServer(redisServerOf(servers.redis.url), servers.redis, paths.redis)}\n`,
  );
  io.out(
    ownRedis
      ? `redis users: one per app, each limited to its own keys; passwords in ${paths.secrets}/<user>/redis.pass\n`
      : 'redis users: every app connects as the given REDIS_URL says\n',
  );
  if (servers.nats.handle !== undefined) {
    io.out(
      `nats accounts: generated from ${paths.registry}; operator seed ${paths.operatorSeed}; TLS CA ${natsCaFile}\n`,
    );
  }
  const sites: StackSite[] = [];
  const apps: AppProcess[] = [];
  let identityProvider: DemoIdentityProvider | undefined;
  const stopApps = async (): Promise<void> => {
    // Nodes first, so none is left talking to a stopped hub; the hub last.
    await Promise.all(apps.slice(1).map((app) => app.stop()));
    await apps[0]?.stop();
  };
  try {
    if (leaf !== undefined && tls !== undefined) {
      sites.push(...(await startStackSites(keys.registry, paths, leaf, tls, options.siteLink)));
      for (const site of sites) io.out(`site ${site.id}: leaf nats ${site.server.url}\n`);
    }
    const siteOf = (id: string): StackSite | undefined => sites.find((site) => site.nodes.includes(id));
    const people = new Map<string, DemoPerson[]>(nodeIds.map((id) => [id, demoPeople(id)]));
    const operators = demoOperators();
    // The provider must know every web app's address before it starts: the ports are picked first.
    const [idpPort, hubPort, consolePort, ...ports] = preferred
      ? [
          ...(await pickPorts(1, PREFERRED_IDENTITY_PROVIDER_PORT)),
          ...(await pickPorts(1, PREFERRED_HUB_PORT)),
          ...(await pickPorts(1, PREFERRED_CONSOLE_PORT)),
          ...(await pickPorts(nodeIds.length, PREFERRED_FIRST_NODE_PORT)),
        ]
      : await pickPorts(3 + nodeIds.length);
    const consoleUrl = `http://127.0.0.1:${consolePort}`;
    const nodeUrls = ports.map((port) => `http://127.0.0.1:${port}`);
    identityProvider = await startDemoIdentityProvider({
      people: [...people.values()].flat(),
      operators,
      port: idpPort,
      webApps: [`${consoleUrl}/`, ...nodeUrls.map((url) => `${url}/desk/`)],
    });
    const apiKeys = new Map<string, string>();
    for (const id of nodeIds) apiKeys.set(id, await ensureDemoApiKey(paths, id));
    io.out(
      `identity provider: ${identityProvider.issuer} (demo people per node); API keys in ${paths.secrets}/<node>/api-keys.json\n`,
    );
    const config: StackAppsConfig = {
      distDir: options.distDir,
      paths,
      natsUrl: servers.nats.url,
      natsCaFile,
      redisUrl: servers.redis.url,
      redisSecrets: ownRedis ? paths.secrets : undefined,
      env: options.env,
      watch: options.watch,
      identityProvider: identityProvider.issuer,
      ...(natsMonitor === undefined ? {} : { natsMonitorUrl: `http://${natsMonitor}` }),
    };
    io.out(`starting the hub, the console and ${nodeIds.length} nodes (logs in ${paths.logs})\n`);
    apps.push(await AppProcess.start(hubProcessSpec(config, { id: hub, port: hubPort! })));
    // The console and the nodes after the hub, which provisions the streams they read.
    const started = await Promise.allSettled([
      AppProcess.start(consoleProcessSpec(config, { port: consolePort! })),
      ...nodeIds.map((id, index) => {
        const site = siteOf(id);
        const onSite = site === undefined ? undefined : { id: site.id, natsUrl: site.server.url };
        return AppProcess.start(nodeProcessSpec(config, { id, port: ports[index]!, site: onSite }));
      }),
    ]);
    for (const outcome of started) if (outcome.status === 'fulfilled') apps.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed !== undefined) throw failed.reason;

    const [hubApp, consoleApp, ...nodeApps] = apps as [AppProcess, AppProcess, ...AppProcess[]];
    const summary: StackSummary = {
      nats: servers.nats.url,
      ...(natsCaFile === undefined ? {} : { natsCa: natsCaFile }),
      // Printed and written to stack.json: the server only, never a given URL's credentials.
      redis: redisServerOf(servers.redis.url),
      identityProvider: {
        issuer: identityProvider.issuer,
        tokenEndpoint: `${identityProvider.issuer}/token`,
        clientId: DEMO_CLIENT_ID,
        grantType: DEMO_PASSWORD_GRANT,
      },
      hub: { id: hub, url: hubApp.url },
      console: {
        url: consoleApp.url,
        logins: operators.map(({ user, password, roles }) => ({ user, password, roles })),
      },
      nodes: nodeApps.map((app) => ({
        id: app.spec.name,
        url: app.url,
        desk: `${app.url}/desk/`,
        audience: nodeAudience(app.spec.name),
        apiKey: apiKeys.get(app.spec.name)!,
        logins: (people.get(app.spec.name) ?? []).map(({ user, password, roles, clearance }) => ({
          user,
          password,
          roles,
          clearance,
        })),
      })),
    };
    await mkdir(paths.data, { recursive: true });
    // It holds the demo's passwords and API keys.
    await writeFile(paths.stackFile, stackFileContent(summary), { mode: 0o600 });
    let stopping: Promise<void> | undefined;
    return {
      summary,
      paths,
      registry: keys.registry,
      servers,
      identityProvider,
      redisAdminUrl:
        redisUsers?.adminPassword === undefined
          ? undefined
          : redisUrlWithCredentials(servers.redis.url, REDIS_ADMIN_USER, redisUsers.adminPassword),
      natsCaFile,
      sites: new Map(sites.map((site) => [site.id, site])),
      apps: config,
      hub: hubApp,
      console: consoleApp,
      nodes: new Map(nodeApps.map((app) => [app.spec.name, app])),
      onUnexpectedExit(listener) {
        for (const app of apps) {
          app.onUnexpectedExit((exit) =>
            listener({ ...exit, name: app.spec.name, logFile: app.spec.logFile }),
          );
        }
      },
      stop() {
        stopping ??= (async () => {
          await stopApps();
          await identityProvider?.stop();
          await stopStackSites(sites);
          await stopStackServers(servers);
          await rm(paths.stackFile, { force: true });
        })();
        return stopping;
      },
    };
  } catch (error) {
    await stopApps();
    await identityProvider?.stop();
    await stopStackSites(sites);
    await stopStackServers(servers);
    throw error;
  }
}

// `url` is what may be printed: a given Redis URL may carry credentials.
function describeServer(url: string, server: StackServers['redis'], dir: string): string {
  return server.handle === undefined ? `${url} (given)` : `${url} (started, data in ${dir})`;
}
