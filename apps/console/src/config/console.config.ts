// Config classes need their design:type metadata for the string-to-number conversion.
import 'reflect-metadata';
import { IsReadableFile, IsServerUrl, LOG_LEVELS, type LogLevelName } from '#runtime';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  ValidateIf,
} from 'class-validator';

// Public-key signatures only: never `none`, nor an HMAC whose key the console would have to share.
const ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const ALGORITHM = `(${ALGORITHMS.join('|')})`;

/**
 * Environment of the operations console, validated once at boot by `validateConfig(ConsoleConfig)`.
 * It holds no state of its own: NATS (as an operator user of the hub's account), the registry file
 * and the operators' OpenID Connect provider are all it needs.
 */
export class ConsoleConfig {
  /** Port of the console's HTTP server (screens and API); 0 picks a free port. */
  @IsInt()
  @Min(0)
  @Max(65535)
  CONSOLE_PORT: number = 8090;

  /** The address it listens on: loopback unless configured otherwise (behind a TLS proxy). */
  @IsString()
  @IsNotEmpty()
  CONSOLE_HOST: string = '127.0.0.1';

  /** The hub's NATS servers (comma-separated; TLS either way, as the other apps). */
  @IsServerUrl(['nats', 'tls'], { list: true })
  NATS_URL: string = 'tls://127.0.0.1:4222';

  /** CA certificate (PEM) the NATS server's certificate is checked against; absent: the system's. */
  @IsOptional()
  @IsReadableFile()
  NATS_CA_FILE?: string;

  /**
   * The operator's nkey seed file (`.data/operator.nk` in the local stack): a user of the hub's
   * account with full access. Exactly one of this and CONSOLE_NATS_CREDS_FILE.
   */
  @ValidateIf((config: ConsoleConfig) => config.CONSOLE_NATS_CREDS_FILE === undefined)
  @IsReadableFile({
    message:
      'CONSOLE_NATS_SEED_FILE (or CONSOLE_NATS_CREDS_FILE) must name the operator’s readable seed file',
  })
  CONSOLE_NATS_SEED_FILE?: string;

  /** The operator's credentials file (JWT and seed), for servers with decentralised authentication. */
  @IsOptional()
  @IsReadableFile()
  CONSOLE_NATS_CREDS_FILE?: string;

  /**
   * NATS monitoring endpoints (`http://127.0.0.1:8222`, one per server, comma-separated) for the
   * servers, routes, leaf links and JetStream usage; absent: what the JetStream account info tells.
   */
  @IsOptional()
  @IsServerUrl(['http', 'https'], { list: true })
  CONSOLE_NATS_MONITOR_URL?: string;

  /** The registry file (nodes, keys, places), watched for changes. */
  @IsString()
  @IsNotEmpty()
  REGISTRY_FILE: string = '.data/registry.yaml';

  /** The operators' OpenID Connect provider (issuer URL; discovery names its keys). */
  @IsServerUrl(['http', 'https'])
  CONSOLE_OIDC_ISSUER: string;

  /** The audience (`aud`, the resource asked for) of the console's access tokens. */
  @IsString()
  @IsNotEmpty()
  CONSOLE_AUDIENCE: string = 'urn:borderlink:console';

  /**
   * The console's public client at the provider, which the screens sign in with (PKCE; redirect URI
   * `<console URL>/callback`, post-logout redirect URI `<console URL>/`).
   */
  @IsString()
  @IsNotEmpty()
  CONSOLE_OIDC_CLIENT_ID: string = 'borderlink-console';

  /** The claim holding a person's roles; it must hold `operator`. */
  @Matches(/^[A-Za-z0-9_:/.-]{1,200}$/, {
    message: 'CONSOLE_OIDC_ROLES_CLAIM must be a claim name or a dotted path to one',
  })
  CONSOLE_OIDC_ROLES_CLAIM: string = 'roles';

  /** Signature algorithms accepted on tokens. */
  @Matches(new RegExp(`^${ALGORITHM}(,${ALGORITHM})*$`), {
    message: `CONSOLE_OIDC_ALGORITHMS must list some of ${ALGORITHMS.join(', ')}, separated by commas`,
  })
  CONSOLE_OIDC_ALGORITHMS: string = 'RS256,PS256,ES256,EdDSA';

  /** Seconds of clock skew allowed between the provider and the console on `exp` and `nbf`. */
  @IsInt()
  @Min(0)
  @Max(300)
  CONSOLE_OIDC_CLOCK_TOLERANCE_S: number = 30;

  /**
   * Milliseconds without a heartbeat after which a process counts as silent (red). Unset: three of
   * the intervals its own heartbeats announce.
   */
  @IsOptional()
  @IsInt()
  @Min(1_000)
  @Max(3_600_000)
  CONSOLE_HEARTBEAT_SILENT_AFTER?: number;

  /**
   * Who may read /metrics: `operator` (default), with an operator's token like the API (Prometheus's
   * OAuth 2.0 client credentials), or `open`, whoever reaches the port (a scraper on a private network).
   */
  @IsIn(['operator', 'open'])
  CONSOLE_METRICS_ACCESS: 'operator' | 'open' = 'operator';

  /** The built screens (`npm run build`: dist/web/console), served at `/`. */
  @IsString()
  @IsNotEmpty()
  CONSOLE_WEB_DIR: string = 'dist/web/console';

  @IsIn(LOG_LEVELS)
  LOG_LEVEL: LogLevelName = 'info';
}
