import { join } from 'node:path';
import { apiKeysFile } from '#access';
import { freePort } from '#process';
import { HUB_REDIS_USER, redisPasswordFile, redisUrlWithCredentials } from '#runtime';
import type { AppProcessSpec } from './app-process.js';
import { CONSOLE_AUDIENCE, DEMO_CLIENT_ID, nodeAudience } from './demo-identity-provider.js';
import { appLogFile, type StackPaths } from './stack-paths.js';

/** What every app of one stack shares: where the compiled apps are, the stack's files and servers. */
export interface StackAppsConfig {
  /** The `dist/` folder of a build (`npm run build`). */
  distDir: string;
  paths: StackPaths;
  natsUrl: string;
  /** The CA the NATS servers' certificates are checked against (NATS_CA_FILE); absent: the system's. */
  natsCaFile?: string;
  /** The Redis server's URL: as given (and then used by every app as it is), or the stack's own. */
  redisUrl: string;
  /**
   * On the stack's own Redis, each app connects as its own user (the hub's, or its node id) with the
   * password in its file under this folder (`<user>/redis.pass`).
   */
  redisSecrets?: string;
  /** More variables for every app (e.g. LOG_LEVEL, HUB_CONCURRENCY). */
  env?: Readonly<Record<string, string>>;
  /** Restart each app whenever its compiled code changes (`npm run dev`); implies `modules`. */
  watch?: boolean;
  /**
   * Run tsc's modules rather than each app's bundle (decision 30): what `tsc --watch` keeps current,
   * and what a CPU profile can charge to source folders by file name.
   */
  modules?: boolean;
  /**
   * The demo identity provider's issuer, which every node then trusts for its people's tokens;
   * without one, nodes take API keys only.
   */
  identityProvider?: string;
  /** The stack's NATS monitoring endpoint (loopback only), which the console reads the servers' health from. */
  natsMonitorUrl?: string;
}

/**
 * The compiled entry point of an app: its bundle, `<dist>/apps/<app>/main.bundle.js`, ready in about
 * half the time (decision 30), or with `modules` (or `watch`) tsc's `<dist>/apps/<app>/src/main.js`.
 */
function appEntry(config: StackAppsConfig, app: 'hub' | 'node' | 'console'): string {
  return config.modules === true || config.watch === true
    ? join(config.distDir, 'apps', app, 'src', 'main.js')
    : join(config.distDir, 'apps', app, 'main.bundle.js');
}

// glibc's malloc raises its mmap threshold (up to 32 MB) each time a block it had mapped is freed,
// and its trim threshold with it, so after start-up the large blocks V8's compiler frees stay in the C
// heap for good. Any value set here turns that adjustment off; this one is glibc's own default, kept
// fixed: an idle node 6-7 MB and the hub 8-9 MB smaller, at the same rates (decision 48).
const MALLOC_MMAP_THRESHOLD = '131072';

/** What every app's C heap is given; an inherited setting wins. */
function mallocEnv(): Record<string, string> {
  return { MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? MALLOC_MMAP_THRESHOLD };
}

// Every server URL is set explicitly: an inherited NATS_URL, NATS_CA_FILE, REDIS_URL or
// REDIS_PASSWORD_FILE must never win (an empty variable counts as unset).
function sharedEnv(config: StackAppsConfig, redisUser: string): Record<string, string> {
  const secrets = config.redisSecrets;
  return {
    ...mallocEnv(),
    ...config.env,
    NATS_URL: config.natsUrl,
    NATS_CA_FILE: config.natsCaFile ?? '',
    REDIS_URL: secrets === undefined ? config.redisUrl : redisUrlWithCredentials(config.redisUrl, redisUser),
    REDIS_PASSWORD_FILE: secrets === undefined ? '' : redisPasswordFile(secrets, redisUser),
    REGISTRY_FILE: config.paths.registry,
  };
}

/**
 * A hub instance signing as registry node `id`. `instance` names its process and log file, so
 * several instances of one hub can run side by side (default: the id).
 */
export function hubProcessSpec(
  config: StackAppsConfig,
  hub: { id: string; port: number; instance?: string },
): AppProcessSpec {
  const name = hub.instance ?? hub.id;
  return {
    name,
    entry: appEntry(config, 'hub'),
    port: hub.port,
    logFile: appLogFile(config.paths, name),
    watch: config.watch,
    env: {
      ...sharedEnv(config, HUB_REDIS_USER),
      HUB_ID: hub.id,
      HUB_SEED_FILE: join(config.paths.keys, `${hub.id}.nk`),
    },
  };
}

// A node's heap is capped: left alone, V8 grows it past 250 MB resident while a backlog drains
// (docs/performance.md, B4). An inherited NODE_OPTIONS comes last, so it can raise the cap.
const NODE_HEAP_CAP = '--max-old-space-size=128';
// glibc's malloc gives each thread that allocates an arena of its own (up to eight per core), and
// keeps what each holds: two arenas cut an idle node by about 5 MB and a draining one's peak by 17 MB,
// at the same drain rate (docs/performance.md, B4 and B5).
const NODE_MALLOC_ARENAS = '2';

/**
 * The agency node `id`, with its seed from the stack's keys folder; a node of a national site runs
 * on its site's leaf server (`site.natsUrl`) with NODE_SITE set.
 */
export function nodeProcessSpec(
  config: StackAppsConfig,
  node: { id: string; port: number; site?: { id: string; natsUrl: string } },
): AppProcessSpec {
  return {
    name: node.id,
    entry: appEntry(config, 'node'),
    port: node.port,
    logFile: appLogFile(config.paths, node.id),
    watch: config.watch,
    env: {
      ...sharedEnv(config, node.id),
      NODE_OPTIONS: [NODE_HEAP_CAP, process.env.NODE_OPTIONS].filter(Boolean).join(' '),
      MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? NODE_MALLOC_ARENAS,
      NODE_ID: node.id,
      NODE_SEED_FILE: join(config.paths.keys, `${node.id}.nk`),
      // Kept between runs like the JetStream store: what a node queued must survive its restart.
      NODE_STORE_FILE: join(config.paths.data, 'store', `${node.id}.sqlite`),
      // People sign in at the demo identity provider; services hold API keys from the node's own file.
      NODE_OIDC_ISSUER: config.identityProvider ?? '',
      NODE_OIDC_AUDIENCE: config.identityProvider === undefined ? '' : nodeAudience(node.id),
      NODE_API_KEYS_FILE: apiKeysFile(config.paths.secrets, node.id),
      // The desk signs people in as the demo's public client, whose redirect URIs name each desk.
      NODE_DESK_CLIENT_ID: DEMO_CLIENT_ID,
      ...(node.site === undefined ? {} : { NATS_URL: node.site.natsUrl, NODE_SITE: node.site.id }),
    },
  };
}

/**
 * The operations console, as the stack's operator user (`<data>/operator.nk`), its operators signing
 * in at the demo identity provider, its screens from `<dist>/web/console`. It keeps no state: no Redis.
 */
export function consoleProcessSpec(config: StackAppsConfig, console: { port: number }): AppProcessSpec {
  return {
    name: 'console',
    entry: appEntry(config, 'console'),
    port: console.port,
    logFile: appLogFile(config.paths, 'console'),
    watch: config.watch,
    // Every variable the console reads is set, so an inherited one never wins (empty counts as unset).
    env: {
      ...mallocEnv(),
      ...config.env,
      NATS_URL: config.natsUrl,
      NATS_CA_FILE: config.natsCaFile ?? '',
      REGISTRY_FILE: config.paths.registry,
      CONSOLE_PORT: String(console.port),
      CONSOLE_NATS_SEED_FILE: config.paths.operatorSeed,
      CONSOLE_NATS_CREDS_FILE: '',
      CONSOLE_NATS_MONITOR_URL: config.natsMonitorUrl ?? '',
      CONSOLE_OIDC_ISSUER: config.identityProvider ?? '',
      CONSOLE_AUDIENCE: CONSOLE_AUDIENCE,
      CONSOLE_OIDC_CLIENT_ID: DEMO_CLIENT_ID,
      CONSOLE_WEB_DIR: join(config.distDir, 'web', 'console'),
    },
  };
}

/**
 * `count` distinct free loopback ports: `first`, `first + 1`, … where free when `first` is given,
 * else (and where taken) any free port.
 */
export async function pickPorts(count: number, first?: number): Promise<number[]> {
  const ports: number[] = [];
  while (ports.length < count) {
    const preferred = first === undefined ? undefined : first + ports.length;
    let port = await freePort(preferred);
    // Two kernel picks in a row can coincide once the first is released.
    while (ports.includes(port)) port = await freePort();
    ports.push(port);
  }
  return ports;
}
