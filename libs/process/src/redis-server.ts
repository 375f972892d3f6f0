import { findBinary } from './binaries.js';
import { LOOPBACK } from './free-port.js';
import type { LocalServerOptions, RedisServerHandle } from './server-handle.js';
import { ServerProcess } from './server-process.js';
import { redisAnswers } from './server-probes.js';

/** Nothing is persisted: Redis holds only rebuildable state, and a restart doubles as a Redis loss. */
export const REDIS_NO_PERSISTENCE: readonly string[] = ['--save', '', '--appendonly', 'no'];

/**
 * `redis-server` spawned on a loopback port without persistence (its folder holds only its log),
 * resolved once it answers PING: what a local stack runs, and the last resort of the test harness.
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
    args: (port, dir) => ['--bind', LOOPBACK, '--port', String(port), ...REDIS_NO_PERSISTENCE, '--dir', dir],
    answers: redisAnswers,
  });
  return server.handle('redis');
}
