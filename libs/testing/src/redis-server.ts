import { findBinary } from './binaries.js';
import { dockerEngineAnswers } from './docker-engine.js';
import { LOOPBACK } from './free-port.js';
import type { LocalServerOptions, RedisServerHandle, StartRedisOptions } from './server-handle.js';
import { startServerContainer } from './server-container.js';
import { ServerProcess } from './server-process.js';
import { redisAnswers } from './server-probes.js';
import { sharedServer, sharedUrl } from './shared-server.js';

const REDIS_IMAGE = 'redis:7-alpine';
const CONTAINER_PORT = 6379;
// Nothing is persisted: Redis holds only rebuildable state, and a restart doubles as a Redis loss.
const NO_PERSISTENCE = ['--save', '', '--appendonly', 'no'];

/**
 * A Redis server for one test file. Source, first that applies: the shared server at `REDIS_URL`
 * when `shared` is set; a `redis:7-alpine` container when a Docker engine answers; otherwise
 * `redis-server` spawned on a free loopback port. Resolves once it answers PING.
 * @throws MissingBinaryError when none of these is available, saying how to install redis-server.
 */
export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisServerHandle> {
  const shared = sharedUrl(opts.shared, 'REDIS_URL');
  if (shared !== undefined) return sharedServer(shared);
  if (await dockerEngineAnswers()) {
    return startServerContainer(
      {
        image: REDIS_IMAGE,
        port: CONTAINER_PORT,
        command: ['redis-server', ...NO_PERSISTENCE],
        readyLog: /Ready to accept connections/,
      },
      'redis',
    );
  }
  return spawnRedisServer();
}

/**
 * `redis-server` spawned on a loopback port without persistence (its folder holds only its log),
 * resolved once it answers PING: the last resort of {@link startRedis}, and what a local stack runs.
 * @throws MissingBinaryError when redis-server is not installed; ServerStartError when it does not start.
 */
export async function spawnRedisServer(opts: LocalServerOptions = {}): Promise<RedisServerHandle> {
  const binary = findBinary('redis-server');
  const server = await ServerProcess.start({
    name: 'redis-server',
    binary,
    dir: opts.dir,
    port: opts.port,
    detached: opts.detached,
    args: (port, dir) => ['--bind', LOOPBACK, '--port', String(port), ...NO_PERSISTENCE, '--dir', dir],
    answers: redisAnswers,
  });
  return server.handle('redis');
}
