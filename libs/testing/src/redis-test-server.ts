import { REDIS_NO_PERSISTENCE, spawnRedisServer, type RedisServerHandle } from '#process';
import { dockerEngineAnswers } from './docker-engine.js';
import { startServerContainer } from './server-container.js';
import type { StartRedisOptions } from './server-options.js';
import { sharedServer, sharedUrl } from './shared-server.js';

const REDIS_IMAGE = 'redis:7-alpine';
const CONTAINER_PORT = 6379;
// In the server's working folder, which its user may write: ACL SAVE replaces the file there.
const CONTAINER_ACL_FILE = '/data/users.acl';

/** Redis's own default: one user, `default`, with no password and every right. */
export const OPEN_REDIS_ACL = 'user default on nopass ~* &* +@all\n';

/**
 * A Redis server for one test file. Source, first that applies: the shared server at `REDIS_URL`
 * when `shared` is set; a `redis:7-alpine` container when a Docker engine answers; otherwise
 * `redis-server` spawned on a free loopback port. Resolves once it answers.
 *
 * A private server loads its users from an ACL file: `acl` (e.g. the generated ACL, with the default
 * user disabled), or by default Redis's own open `default` user, so its URL needs no credentials.
 * Users added later with {@link addRedisUser} are saved to that file and survive `restart()`.
 * @throws MissingBinaryError when none of these is available, saying how to install redis-server.
 */
export async function startRedis(opts: StartRedisOptions = {}): Promise<RedisServerHandle> {
  const acl = opts.acl ?? OPEN_REDIS_ACL;
  if (opts.acl === undefined) {
    const shared = sharedUrl(opts.shared, 'REDIS_URL');
    if (shared !== undefined) return sharedServer(shared);
  }
  if (await dockerEngineAnswers()) {
    return startServerContainer(
      {
        image: REDIS_IMAGE,
        port: CONTAINER_PORT,
        command: ['redis-server', ...REDIS_NO_PERSISTENCE, '--aclfile', CONTAINER_ACL_FILE],
        files: [{ content: acl, target: CONTAINER_ACL_FILE }],
        readyLog: /Ready to accept connections/,
      },
      'redis',
    );
  }
  return spawnRedisServer({ acl });
}
