import { join } from 'node:path';
import {
  MissingBinaryError,
  ServerStartError,
  spawnNatsServer,
  spawnRedisServer,
  type NatsServerHandle,
  type ServerHandle,
} from '#process';
import { StackConfigError, StackStartError } from './stack.errors.js';
import { moveGlobalStreams } from './stack-store-migration.js';
import type { StackPaths } from './stack-paths.js';

/** Ports the stack's own servers take when free, so their URLs stay the same from run to run. */
export const PREFERRED_NATS_PORT = 14222;
export const PREFERRED_REDIS_PORT = 16379;

/** A server the stack uses: one it was given (`NATS_URL` / `REDIS_URL`) or one it started. */
export interface StackServer<H extends ServerHandle = ServerHandle> {
  url: string;
  /** Present when the stack started the server, and so must stop it. */
  handle?: H;
}

export interface StackServers {
  nats: StackServer<NatsServerHandle>;
  redis: StackServer;
}

/** How the stack's own servers run. */
export interface OwnServerOptions {
  /** The generated nats-server configuration (accounts, nkey users, TLS; authentication on). */
  natsConfig: string;
  /** The ACL of its redis-server: a user per app, the default user disabled (`stackRedisUsers`). */
  redisAcl?: string;
  /** Take the preferred ports when free (default true); tests take any free port. */
  preferredPorts?: boolean;
}

/** The URLs given in the environment, which the stack uses instead of starting its own servers. */
export interface GivenServers {
  natsUrl?: string;
  /** The CA of the given NATS server's certificate (NATS_CA_FILE); absent: the system's CAs. */
  natsCaFile?: string;
  redisUrl?: string;
}

const INSTALL_HINT =
  'Install the servers (Debian/Ubuntu: apt-get install nats-server redis-server), ' +
  'or run the whole stack in containers: docker compose -f deploy/docker-compose.yml up, ' +
  'or point NATS_URL and REDIS_URL at running servers.';

/**
 * NATS and Redis for the stack: the given URLs, used as they are (a given NATS must run the
 * configuration `borderlink nats-config` generates), else a nats-server running `own.natsConfig`
 * (JetStream, store kept in `<data>/nats`) and a redis-server (no data persisted) loading
 * `own.redisAcl`, of its own on loopback, on their preferred ports when free. Servers it started run in their own process group
 * and are stopped by `stopStackServers`.
 * @throws StackConfigError naming how to install a missing binary; StackStartError when a server does not start.
 */
export async function startStackServers(
  paths: StackPaths,
  given: GivenServers,
  own: OwnServerOptions,
): Promise<StackServers> {
  const preferred = own.preferredPorts ?? true;
  const nats = await startOrUse(given.natsUrl, async () => {
    // A store from before the hub's account: its streams become that account's (the same folder the
    // spawned server stores in).
    await moveGlobalStreams(join(paths.nats, 'store'));
    return spawnNatsServer({
      dir: paths.nats,
      port: preferred ? PREFERRED_NATS_PORT : undefined,
      detached: true,
      config: own.natsConfig,
      tls: true,
    });
  });
  try {
    const redis = await startOrUse(given.redisUrl, () =>
      spawnRedisServer({
        dir: paths.redis,
        port: preferred ? PREFERRED_REDIS_PORT : undefined,
        detached: true,
        acl: own.redisAcl,
      }),
    );
    return { nats, redis };
  } catch (error) {
    await nats.handle?.stop();
    throw error;
  }
}

/** Stops the servers the stack started (a given server is left alone). */
export async function stopStackServers(servers: StackServers): Promise<void> {
  await Promise.all([servers.nats.handle?.stop(), servers.redis.handle?.stop()]);
}

async function startOrUse<H extends ServerHandle>(
  url: string | undefined,
  start: () => Promise<H>,
): Promise<StackServer<H>> {
  if (url !== undefined && url !== '') return { url };
  try {
    const handle = await start();
    return { url: handle.url, handle };
  } catch (error) {
    if (error instanceof MissingBinaryError) {
      throw new StackConfigError(`${error.binary} was not found. ${INSTALL_HINT}`, { cause: error });
    }
    if (error instanceof ServerStartError) throw new StackStartError(error.message, { cause: error });
    throw error;
  }
}
