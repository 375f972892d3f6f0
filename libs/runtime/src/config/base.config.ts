// Config classes need their design:type metadata for the string-to-number conversion, which is
// recorded only if the Reflect metadata API exists when the class is declared.
import 'reflect-metadata';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, Min, ValidateIf } from 'class-validator';
import { IsPasswordFileFor } from './redis-password-file.validator.js';
import { IsReadableFile } from './readable-file.validator.js';
import { IsServerUrl } from './server-url.validator.js';

/** Levels accepted by LOG_LEVEL: pino's, plus `silent` to turn logging off. */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevelName = (typeof LOG_LEVELS)[number];

/**
 * Environment shared by every deployable. Apps extend it with their own variables and give
 * HTTP_PORT a default by redeclaring it with an initialiser; read it through `validateConfig`.
 */
export class BaseConfig {
  /**
   * NATS server URL, or a comma-separated list of a cluster's seed servers (tls://, or nats://: the
   * connection is TLS either way, and a server that does not offer TLS is refused).
   */
  @IsServerUrl(['nats', 'tls'], { list: true })
  NATS_URL: string = 'tls://127.0.0.1:4222';

  /**
   * CA certificate (PEM) the NATS server's certificate is checked against: the deployment's private
   * CA (`.data/tls/ca.pem` in the local stack). Absent: the system's trusted CAs.
   */
  @IsOptional()
  @IsReadableFile()
  NATS_CA_FILE?: string;

  /** Client certificate (PEM), for a NATS server that requires one (mutual TLS); with NATS_KEY_FILE. */
  @ValidateIf(
    (config: BaseConfig) => config.NATS_CERT_FILE !== undefined || config.NATS_KEY_FILE !== undefined,
  )
  @IsReadableFile({ message: 'NATS_CERT_FILE must name a readable file (it goes with NATS_KEY_FILE)' })
  NATS_CERT_FILE?: string;

  /** The client certificate's private key (PEM); with NATS_CERT_FILE. */
  @ValidateIf(
    (config: BaseConfig) => config.NATS_CERT_FILE !== undefined || config.NATS_KEY_FILE !== undefined,
  )
  @IsReadableFile({ message: 'NATS_KEY_FILE must name a readable file (it goes with NATS_CERT_FILE)' })
  NATS_KEY_FILE?: string;

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

/** The TLS files of a NATS connection: the CA to trust and an optional client certificate. */
export interface NatsTlsFiles {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
}

/** The TLS files `config` names (NATS_CA_FILE, NATS_CERT_FILE, NATS_KEY_FILE), for the NATS connection. */
export function natsTlsOf(config: BaseConfig): NatsTlsFiles {
  return {
    ...(config.NATS_CA_FILE === undefined ? {} : { caFile: config.NATS_CA_FILE }),
    ...(config.NATS_CERT_FILE === undefined ? {} : { certFile: config.NATS_CERT_FILE }),
    ...(config.NATS_KEY_FILE === undefined ? {} : { keyFile: config.NATS_KEY_FILE }),
  };
}
