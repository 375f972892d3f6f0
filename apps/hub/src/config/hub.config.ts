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
   * Deliveries of one ingress message before it is dead-lettered. Refusals are acked at once, so only
   * infrastructure failures retry; with backoff capped at a minute, 120 rides out two hours of outage.
   */
  @IsInt()
  @Min(1)
  @Max(10_000)
  HUB_MAX_DELIVER: number = 120;
}
