// Public surface of the test harness: real NATS and Redis servers for integration tests.
export { startNats } from './nats-server.js';
export { startRedis } from './redis-server.js';
export { freePort } from './free-port.js';
export { waitFor, type WaitForOptions } from './wait-for.js';
export type {
  ServerKind,
  ServerHandle,
  NatsServerHandle,
  RedisServerHandle,
  StartNatsOptions,
  StartRedisOptions,
} from './server-handle.js';
export {
  MissingBinaryError,
  ServerStartError,
  ServerControlError,
  WaitTimeoutError,
} from './harness.errors.js';
