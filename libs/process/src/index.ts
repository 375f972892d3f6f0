// Public surface of process tooling: spawning child processes that die with their owner, waiting
// for conditions, free loopback ports, log tails, nats-server and redis-server binaries run on
// loopback, and a private CA for their TLS made with the openssl binary. The local stack (`#stack`)
// runs on it, and so does the test harness (`#testing`).
export { spawnOrphanSafe, SpawnedProcess, type SpawnOptions } from './orphan-safe-spawn.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export { freePort, LOOPBACK } from './free-port.js';
export { readLogTail } from './log-tail.js';
export { natsHealthy } from './server-probes.js';
export {
  spawnNatsServer,
  natsServerArgs,
  renderNatsServerConfig,
  STORE_DIR_TOKEN,
  type NatsServerArgsInput,
} from './nats-server.js';
export { spawnRedisServer, REDIS_NO_PERSISTENCE, REDIS_ACL_FILE } from './redis-server.js';
export { privateTls, type PrivateTlsOptions, type TlsFiles } from './private-ca.js';
export type {
  ServerKind,
  ServerHandle,
  NatsServerHandle,
  RedisServerHandle,
  RedisServerOptions,
  NatsServerOptions,
  LocalServerOptions,
  SpawnNatsOptions,
} from './server-handle.js';
export {
  MissingBinaryError,
  ServerStartError,
  ServerControlError,
  WaitTimeoutError,
  CertificateError,
} from './process.errors.js';
