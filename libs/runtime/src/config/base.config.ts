// Config classes need their design:type metadata for the string-to-number conversion, which is
// recorded only if the Reflect metadata API exists when the class is declared.
import 'reflect-metadata';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min } from 'class-validator';
import { IsPasswordFileFor } from './redis-password-file.validator.js';
import { IsServerUrl } from './server-url.validator.js';

/** Levels accepted by LOG_LEVEL: pino's, plus `silent` to turn logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Environment shared by every deployable. Apps extend it with their own variables and give
 * HTTP_PORT a default by redeclaring it with an initialiser; read it through `validateConfig`.
 */
export class BaseConfig {
  /** NATS server URL, or a comma-separated list of a cluster's seed servers (nats:// or tls://). */
  @IsServerUrl(['nats', 'tls'], { list: true })
  NATS_URL: string = 'nats://127.0.0.1:4222';

  /**
   * Redis URL (redis:// or, with TLS, rediss://), with the app's own ACL user:
   * `redis://<user>:<password>@host:port`, or `redis://<user>@host:port` with REDIS_PASSWORD_FILE.
   * Only its host is ever logged.
   */
  @IsServerUrl(['redis', 'rediss'])
  REDIS_URL: string = 'redis://127.0.0.1:6379';

  /**
   * File holding the password of REDIS_URL's user, read once at start: a secret mounted into this
   * app's container alone, instead of written into its environment.
   */
  @IsOptional()
  @IsPasswordFileFor('REDIS_URL')
  REDIS_PASSWORD_FILE?: string;

  /** Path of the registry YAML that carries the nodes' public keys and subscriptions. */
  @IsString()
  @IsNotEmpty()
  REGISTRY_FILE: string = '.data/registry.yaml';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';

  /** Port of the app's HTTP server (health, metrics, and the node's API); 0 picks a free port. */
  @IsInt()
  @Min(0)
  @Max(65535)
  HTTP_PORT: number;
}
