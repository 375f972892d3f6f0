import { REDIS_NO_PERSISTENCE, spawnRedisServer, type RedisServerHandle } from '#process';
import { dockerEngineAnswers } from './docker-engine.js';
import { startServerContainer } from './server-container.js';
import type { StartRedisOptions } from './server-options.js';
import { sharedServer, sharedUrl } from './shared-server.js';

const REDIS_IMAGE = 'redis:7-alpine';
const CONTAINER_PORT = 6379;

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
        command: ['redis-server', ...REDIS_NO_PERSISTENCE],
        readyLog: /Ready to accept connections/,
      },
      'redis',
    );
  }
  return spawnRedisServer();
}
