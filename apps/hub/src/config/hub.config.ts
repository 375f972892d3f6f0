import { LIMITS } from '#contracts';
import { BaseConfig, IsSubjectToken } from '#runtime';
import { IsInt, IsNotEmpty, Max, Min } from 'class-validator';

/**
 * The hub's environment, validated once at boot by `validateConfig(HubConfig)`.
 * Provided under its own class as injection token.
 */
export class HubConfig extends BaseConfig {
  /** The hub's identity in the registry; signs its rejections and routing reports. */
  @IsSubjectToken()
  HUB_ID: string = 'hub';

  /** Path of the nkey seed file (`SU…`) of the hub's signing key. */
  @IsNotEmpty({ message: 'HUB_SEED_FILE must name the hub key seed file' })
  HUB_SEED_FILE: string;

  override HTTP_PORT: number = 8080;

  /** How many ingress messages one hub instance handles at once. */
  @IsInt()
  @Min(1)
  @Max(4096)
  HUB_CONCURRENCY: number = 64;

  /**
   * Handler failures of one ingress message before it is dead-lettered. Refusals are acked at once, so only
   * infrastructure failures retry; with backoff capped at a minute, 120 rides out two hours of outage.
   */
  @IsInt()
  @Min(1)
  @Max(10_000)
  HUB_MAX_ATTEMPTS: number = 120;

  /**
   * How often each hub instance issues the follow-ups of unanswered requests that fell due (reminders
   * at the deadline, escalations at one and a half times it): the most they can be late.
   */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  HUB_REQUEST_SWEEP_MS: number = 15_000;

  /**
   * Largest ingress body accepted, in bytes; larger ones are refused OVERSIZED. The NATS server's
   * max_payload (1 MiB by default) refuses anything larger still, at publish time.
   */
  @IsInt()
  @Min(1024)
  @Max(LIMITS.maxBodyBytes)
  HUB_MAX_BODY_BYTES: number = LIMITS.maxBodyBytes;

  /** Sustained ingress messages per second one sender node may send (its token bucket's refill). */
  @IsInt()
  @Min(1)
  @Max(1_000_000)
  HUB_RATE_PER_SECOND: number = 200;

  /** Messages one sender node may send in a burst above its rate (its token bucket's size). */
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  HUB_RATE_BURST: number = 2_000;

  /**
   * Copies JetStream keeps of each stream the hub provisions: 1 on a single server, 3 on a
   * three-server cluster (any one server may fail). A single server refuses more than 1. Changing it
   * re-replicates the existing streams in place at the next start (nats-server 2.9 and later).
   */
  @IsInt()
  @Min(1)
  @Max(5)
  STREAM_REPLICAS: number = 1;

  /**
   * How often this hub instance publishes its signed heartbeat on `bl.hb.<HUB_ID>` (with every node
   * delivery consumer's lag), in ms; operators call it silent after a few of these.
   */
  @IsInt()
  @Min(100)
  @Max(LIMITS.heartbeatMaxIntervalMs)
  HUB_HEARTBEAT_MS: number = 10_000;

  /** How often the registry file is checked for changes, in ms; a valid new file replaces the old. */
  @IsInt()
  @Min(100)
  @Max(3_600_000)
  HUB_REGISTRY_POLL_MS: number = 1_000;
}
