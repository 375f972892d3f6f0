// Public surface of the runtime library: what every deployable shares (config, logs, Redis, health, metrics).
export {
  BaseConfig,
  LOG_LEVELS,
  natsTlsOf,
  type LogLevelName,
  type NatsTlsFiles,
} from './config/base.config.js';
export { ConfigError } from './config/config.errors.js';
export { IsServerUrl } from './config/server-url.validator.js';
export { IsReadableFile } from './config/readable-file.validator.js';
export { IsSubjectToken } from './config/subject-token.validator.js';
export { validateConfig } from './config/validate-config.js';
export { writeAtomically } from './files/atomic-file.js';
export { FileWatch, type FileWatchOptions } from './files/file-watch.js';
export { createLogger, type LogBindings, type MessageLogFields } from './logging/create-logger.js';
export { PinoLoggerService } from './logging/pino-logger.service.js';
export { LOGGER } from './logging/logger-token.js';
export { REDIS } from './redis/redis-token.js';
export { defineScript, type RedisScript } from './redis/redis-script.js';
export { RedisTransactionError, execTransaction } from './redis/redis-transaction.js';
export { EpochMarker } from './redis/epoch-marker.js';
export { REDIS_PREFIX, HUB_KEYSPACE_OWNER, redisKeyspace } from './redis/redis-keyspace.js';
export {
  HUB_REDIS_USER,
  redisUser,
  redisPrincipals,
  redisAclRules,
  redisAclUser,
  renderRedisAcl,
  generateRedisPassword,
  type RedisPrincipal,
  type RedisAclUser,
} from './redis/redis-acl.js';
export {
  redisPasswordFile,
  readRedisPassword,
  ensureRedisPassword,
  redisAclUsers,
  redisUrlWithCredentials,
  redisServerOf,
} from './redis/redis-credentials.js';
export { RedisAclError, RedisPasswordError } from './redis/redis.errors.js';
export { RebuildWatch, type RebuildWatchOptions } from './redis/rebuild-watch.js';
export { RedisModule, type RedisConnectionOptions, type RedisModuleFactory } from './redis/redis.module.js';
export {
  MetricsService,
  counterTotal,
  counterBy,
} from './observability/metrics.service.js';
export { PeriodicTask } from './process/periodic-task.js';
export { softwareVersion } from './process/software-version.js';
export { NATS_HEALTH, type NatsHealthProbe } from './observability/nats-health-probe.js';
export { ROUTE_ACCESS, PublicRoute, OperatorRoute, type RouteAccess } from './observability/route-access.js';
export { ObservabilityModule } from './observability/observability.module.js';
export { type HealthDetail, type ObservabilityOptions } from './observability/observability.options.js';
