// Public surface of the test harness: real NATS and Redis servers for integration tests, and the
// process spawning the local stack (`borderlink up`) shares with it.
export { startNats } from './nats-test-server.js';
export { spawnNatsServer } from './nats-server.js';
export {
  startNatsCluster,
  type StartNatsClusterOptions,
  type NatsClusterHandle,
  type NatsClusterMember,
} from './nats-cluster.js';
export { startRedis } from './redis-test-server.js';
export { spawnRedisServer } from './redis-server.js';
export { freePort } from './free-port.js';
export { spawnOrphanSafe, SpawnedProcess, type SpawnOptions } from './orphan-safe-spawn.js';
export { readLogTail } from './log-tail.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export type {
  ServerKind,
  ServerHandle,
  NatsServerHandle,
  RedisServerHandle,
  StartNatsOptions,
  StartRedisOptions,
  LocalServerOptions,
} from './server-handle.js';
export {
  MissingBinaryError,
  ServerStartError,
  ServerControlError,
  WaitTimeoutError,
} from './harness.errors.js';
