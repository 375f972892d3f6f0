import { CLEARANCES, ROLES } from '#access';
import { LIMITS } from '#contracts';
import { BaseConfig, IsSubjectToken } from '#runtime';
import { IsInt, IsNotEmpty, IsOptional, IsString, Matches, Max, Min, ValidateIf } from 'class-validator';
import { IsClaimMap, IsIssuerUrl } from './access-settings.validator.js';

// A claim's path in a token: `roles`, `realm_access.roles`, a URL-named claim such as Entra ID's.
const CLAIM_PATH = /^[A-Za-z0-9_:/.-]{1,200}$/;
// Public-key signatures only: never `none`, nor an HMAC whose key the node would have to share.
const ASYMMETRIC_ALGORITHMS = [
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
];
const ALGORITHM = `(${ASYMMETRIC_ALGORITHMS.join('|')})`;
const ALGORITHM_LIST = new RegExp(`^${ALGORITHM}(,${ALGORITHM})*$`);
const CLAIM_PATH_MESSAGE = (name: string) => `${name} must be a claim name or a dotted path to one`;

/** Environment of one agency node, validated once at boot by `validateConfig(NodeConfig)`. */
export class NodeConfig extends BaseConfig {
  /** Registry id of this node; it names the node on every subject, so it must be a subject token. */
  @IsSubjectToken()
  NODE_ID: string;

  /** Path of the file holding this node's nkey seed (`SU…`), the key it signs with. */
  @IsString()
  @IsNotEmpty()
  NODE_SEED_FILE: string;

  /**
   * Path of this node's store (an SQLite file): its outbox, where submissions wait on disk until
   * JetStream has acknowledged them, and the ids of the messages it has handed to the agency's
   * systems. One file per node; required, so two nodes can never share one by default.
   */
  @IsString()
  @IsNotEmpty()
  NODE_STORE_FILE: string;

  /**
   * How long a submission waits for JetStream's ack before the REST answer says `queued` instead of
   * `accepted` (the message stays in the outbox either way).
   */
  @IsInt()
  @Min(0)
  @Max(60_000)
  NODE_PUBLISH_WAIT_MS: number = 1_500;

  /**
   * How long the first `delivered` receipt to an origin waits for more before their batch leaves
   * (a full batch leaves at once). The deliveries it confirms are acked after it, so it adds to how
   * long they stay unacknowledged, far below the consumer's ack wait.
   */
  @IsInt()
  @Min(0)
  @Max(5_000)
  NODE_DELIVERED_LINGER_MS: number = 50;

  /**
   * How long a delivery that finds the node idle waits for others before they are taken in together
   * (deliveries that arrive while a batch is taken in wait for it anyway). Each take-in costs per
   * call, so fuller batches cost less per delivery; the wait adds to a delivery's latency.
   */
  @IsInt()
  @Min(0)
  @Max(1_000)
  NODE_DELIVERY_GATHER_MS: number = 20;

  /**
   * The national site (lowercase country code, `kz`) whose leaf server NATS_URL names: the node then
   * also sends its messages straight to the entitled nodes of its site (the site fast path), and
   * reaches the hub through the leaf server as it would directly. Absent: NATS_URL is the hub's servers.
   */
  @IsOptional()
  @Matches(/^[a-z]{2}$/, { message: 'NODE_SITE must be a lowercase country code, e.g. kz' })
  NODE_SITE?: string;

  /**
   * Failures of the node's handler on one delivery before it is dead-lettered (a delivery that can
   * never be taken in, such as a malformed one, is dead-lettered at once).
   */
  @IsInt()
  @Min(1)
  @Max(10_000)
  NODE_MAX_ATTEMPTS: number = 10;

  /**
   * Days the node keeps what it received and sent, counted from each message's signed sent time: then
   * its content is deleted (its id stays, so it is never taken in again). A data-protection duty
   * (docs/policy.md, "Retention"), not a cache setting: set it to what the agency's law allows.
   * A change applies to messages taken in or sent from then on.
   */
  @IsInt()
  @Min(1)
  @Max(3_650)
  NODE_RETENTION_DAYS: number = 90;

  /**
   * How often the node publishes its signed heartbeat on `bl.hb.<NODE_ID>` (outbox, its delivery
   * consumer's lag, counts), in ms; operators call it silent after a few of these.
   */
  @IsInt()
  @Min(100)
  @Max(LIMITS.heartbeatMaxIntervalMs)
  NODE_HEARTBEAT_MS: number = 10_000;

  // Validated by BaseConfig; the node only gives it a default.
  override HTTP_PORT: number = 3000;

  /**
   * The address the HTTP server listens on: loopback unless configured otherwise (`0.0.0.0` in a
   * container whose port is published, or the address a reverse proxy reaches).
   */
  @IsString()
  @IsNotEmpty()
  NODE_HTTP_HOST: string = '127.0.0.1';

  /**
   * The agency's OpenID Connect provider (its issuer URL; discovery at
   * `<issuer>/.well-known/openid-configuration` names its keys). Persons present its access tokens.
   */
  @IsOptional()
  @IsIssuerUrl()
  NODE_OIDC_ISSUER?: string;

  /** The audience the provider puts in access tokens for this node (`aud`); tokens for another are refused. */
  @ValidateIf((config: NodeConfig) => config.NODE_OIDC_ISSUER !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'NODE_OIDC_AUDIENCE must be set with NODE_OIDC_ISSUER' })
  NODE_OIDC_AUDIENCE?: string;

  /**
   * The agency desk's public client at NODE_OIDC_ISSUER (authorization code with PKCE, redirect URI
   * `<node URL>/desk/callback`, post-logout redirect URI `<node URL>/desk/`), which the desk signs
   * people in as.
   */
  @Matches(/^[\x21-\x7e]{1,200}$/, { message: 'NODE_DESK_CLIENT_ID must be a client id without spaces' })
  NODE_DESK_CLIENT_ID: string = 'borderlink-desk';

  /** The claim holding a person's roles or groups: `roles`, Keycloak's `realm_access.roles`, `groups`. */
  @Matches(CLAIM_PATH, { message: CLAIM_PATH_MESSAGE('NODE_OIDC_ROLES_CLAIM') })
  NODE_OIDC_ROLES_CLAIM: string = 'roles';

  /**
   * The provider's role or group names, mapped to the node's roles: `BL-Readers=reader,BL-Desk=author`.
   * Unset: the claim holds the node's role names themselves. Unmapped values grant nothing.
   */
  @IsOptional()
  @IsClaimMap(ROLES)
  NODE_OIDC_ROLE_MAP?: string;

  /** The claim holding a person's clearance; absent from a token, the person has `amber`. */
  @Matches(CLAIM_PATH, { message: CLAIM_PATH_MESSAGE('NODE_OIDC_CLEARANCE_CLAIM') })
  NODE_OIDC_CLEARANCE_CLAIM: string = 'clearance';

  /** The provider's clearance values, mapped to the node's: `SECRET=red,CONFIDENTIAL=amber-strict`. */
  @IsOptional()
  @IsClaimMap(CLEARANCES)
  NODE_OIDC_CLEARANCE_MAP?: string;

  /**
   * The claim naming a person for good: `sub` (never reassigned within an issuer), or Entra ID's `oid`
   * (the same for every application of the tenant, where its `sub` differs per application).
   */
  @Matches(CLAIM_PATH, { message: CLAIM_PATH_MESSAGE('NODE_OIDC_SUBJECT_CLAIM') })
  NODE_OIDC_SUBJECT_CLAIM: string = 'sub';

  /** Signature algorithms accepted on tokens, never `none` nor a shared-secret one. */
  @Matches(ALGORITHM_LIST, {
    message: `NODE_OIDC_ALGORITHMS must list some of ${ASYMMETRIC_ALGORITHMS.join(', ')}, separated by commas`,
  })
  NODE_OIDC_ALGORITHMS: string = 'RS256,PS256,ES256,EdDSA';

  /** Seconds of clock skew allowed between the provider and the node on `exp` and `nbf`. */
  @IsInt()
  @Min(0)
  @Max(300)
  NODE_OIDC_CLOCK_TOLERANCE_S: number = 30;

  /**
   * The node's API keys file (`borderlink api-keys`): services' keys as scrypt hashes, reread within
   * seconds of a change. At least this or NODE_OIDC_ISSUER: the node takes no request without credentials.
   */
  @ValidateIf((config: NodeConfig) => config.NODE_OIDC_ISSUER === undefined)
  @IsNotEmpty({
    message:
      'NODE_API_KEYS_FILE or NODE_OIDC_ISSUER must be set: the node answers nobody without credentials',
  })
  NODE_API_KEYS_FILE?: string;

  /** Browser origins allowed to call the API (comma-separated); unset, no cross-origin call is allowed. */
  @IsOptional()
  @Matches(/^https?:\/\/[^,\s/]+(,\s*https?:\/\/[^,\s/]+)*$/, {
    message: 'NODE_CORS_ORIGINS must be origins such as https://desk.border.kz, separated by commas',
  })
  NODE_CORS_ORIGINS?: string;

  /** Requests one person (or one anonymous address) may make per minute, on each instance. */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  NODE_RATE_LIMIT: number = 600;

  /**
   * Requests one service (API key) may make per minute, on each instance: by default the hub's own
   * sustained rate for a node (200 a second), since one integration may carry all of an agency's traffic.
   */
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  NODE_SERVICE_RATE_LIMIT: number = 12_000;

  /** Live streams one person or service may hold open at once, on each instance. */
  @IsInt()
  @Min(1)
  @Max(1_000)
  NODE_STREAMS_PER_IDENTITY: number = 4;

  /** Live streams open at once on each instance, whoever holds them. */
  @IsInt()
  @Min(1)
  @Max(100_000)
  NODE_STREAMS_TOTAL: number = 200;

  /** Certificate chain (PEM) to serve HTTPS directly; with NODE_TLS_KEY_FILE. Unset: plain HTTP. */
  @ValidateIf((config: NodeConfig) => config.NODE_TLS_KEY_FILE !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'NODE_TLS_CERT_FILE must be set with NODE_TLS_KEY_FILE' })
  NODE_TLS_CERT_FILE?: string;

  /** The private key (PEM) of NODE_TLS_CERT_FILE. */
  @ValidateIf((config: NodeConfig) => config.NODE_TLS_CERT_FILE !== undefined)
  @IsString()
  @IsNotEmpty({ message: 'NODE_TLS_KEY_FILE must be set with NODE_TLS_CERT_FILE' })
  NODE_TLS_KEY_FILE?: string;

  /** Service subscriptions one API key may hold (`/v1/service-subscriptions`). */
  @IsInt()
  @Min(1)
  @Max(1_000)
  NODE_SERVICE_SUBSCRIPTIONS_PER_KEY: number = 20;

  /**
   * Consecutive failed attempts at one message after which a subscription's webhook is disabled,
   * until its owner enables it again (it then resumes with that message).
   */
  @IsInt()
  @Min(1)
  @Max(1_000)
  NODE_WEBHOOK_MAX_FAILURES: number = 10;

  /** The delay before a webhook's first retry, in ms; each further one doubles, with jitter. */
  @IsInt()
  @Min(1)
  @Max(3_600_000)
  NODE_WEBHOOK_BACKOFF_BASE_MS: number = 1_000;

  /** The longest delay between two attempts at a failing webhook, in ms. */
  @IsInt()
  @Min(1)
  @Max(86_400_000)
  NODE_WEBHOOK_BACKOFF_MAX_MS: number = 600_000;

  /** How long a webhook endpoint has to answer one request, in ms, before the attempt counts as failed. */
  @IsInt()
  @Min(100)
  @Max(120_000)
  NODE_WEBHOOK_TIMEOUT_MS: number = 10_000;

  /**
   * How often each instance looks for service subscription work it was not told of, in ms: matches
   * another instance took in (for webhooks and live streams), retries falling due, filters changed
   * through another instance. What the instance itself takes in or changes applies at once.
   */
  @IsInt()
  @Min(10)
  @Max(60_000)
  NODE_SERVICE_SUBSCRIPTIONS_POLL_MS: number = 1_000;
}
