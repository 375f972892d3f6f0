import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { findBinary } from './binaries.js';
import { LOOPBACK } from './free-port.js';
import type { LocalServerOptions, RedisServerHandle, RedisServerOptions } from './server-handle.js';
import { ServerProcess } from './server-process.js';
import { redisAnswers } from './server-probes.js';

/** Nothing is persisted: Redis holds only rebuildable state, and a restart doubles as a Redis loss. */
export const REDIS_NO_PERSISTENCE: readonly string[] = ['--save', '', '--appendonly', 'no'];

/** The file name of the ACL a spawned redis-server loads, in its folder. */
export const REDIS_ACL_FILE = 'users.acl';

/**
 * `redis-server` spawned on a loopback port without persistence (its folder holds only its log and
 * its ACL file), resolved once it answers: what a local stack runs, and the last resort of the test
 * harness. With `acl`, it loads its users from `<dir>/users.acl`, written once at start: a restart
 * reloads the file, so users survive it (and so do users saved to it with ACL SAVE), data does not.
 * @throws MissingBinaryError when redis-server is not installed; ServerStartError when it does not start.
 */
export async function spawnRedisServer(
  opts: RedisServerOptions & LocalServerOptions = {},
): Promise<RedisServerHandle> {
  const binary = findBinary('redis-server');
  const server = await ServerProcess.start({
    name: 'redis-server',
    binary,
    dir: opts.dir,
    port: opts.port,
    detached: opts.detached,
    async args(port, dir) {
      const args = ['--bind', LOOPBACK, '--port', String(port), ...REDIS_NO_PERSISTENCE, '--dir', dir];
      if (opts.acl === undefined) return args;
      const aclFile = join(dir, REDIS_ACL_FILE);
      // Readable by the server's user only: it holds password hashes.
      await writeFile(aclFile, opts.acl, { mode: 0o600 });
      return [...args, '--aclfile', aclFile];
    },
    answers: redisAnswers,
  });
  return server.handle('redis');
}
