// Public surface of the test harness: real NATS and Redis servers for tests (from the environment,
// a container, or a spawned binary through #process), JetStream clusters with TLS routes, Redis ACL
// users, and a throwaway CA per test file. Process tooling itself (spawning, free ports, log tails)
// is #process; what a test needs of it is re-exported here.
export { startNats } from './nats-test-server.js';
export {
  startNatsCluster,
  type StartNatsClusterOptions,
  type NatsClusterHandle,
  type NatsClusterMember,
} from './nats-cluster.js';
export { startRedis, OPEN_REDIS_ACL } from './redis-test-server.js';
export { addRedisUser, addRedisAppUser } from './redis-users.js';
export { testTls, removeTestTls, type TestTls } from './test-tls.js';
export type { StartNatsOptions, StartRedisOptions } from './server-options.js';
export {
  waitFor,
  WaitTimeoutError,
  ServerControlError,
  type WaitForOptions,
  type ServerKind,
  type ServerHandle,
  type NatsServerHandle,
  type RedisServerHandle,
  type TlsFiles,
} from '#process';
