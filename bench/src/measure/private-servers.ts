import { spawnNatsServer, spawnRedisServer, type NatsServerHandle, type RedisServerHandle } from '#process';

/** A nats-server (JetStream, file store in a temporary folder) and a redis-server of one scenario, on loopback. */
export interface PrivateServers {
  nats: NatsServerHandle;
  redis: RedisServerHandle;
  stop(): Promise<void>;
}

/**
 * Spawns the scenario's own servers from the binaries (never the shared 4222/6379 ones, never
 * containers: the figures must compare with raw NATS on this same machine).
 */
export async function startPrivateServers(): Promise<PrivateServers> {
  const nats = await spawnNatsServer();
  let redis: RedisServerHandle;
  try {
    redis = await spawnRedisServer();
  } catch (error) {
    await nats.stop();
    throw error;
  }
  return { nats, redis, stop: async () => void (await Promise.all([nats.stop(), redis.stop()])) };
}
