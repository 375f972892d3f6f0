// The chaos run's size and switches, from the environment, validated like the apps' own settings.
import { Max, Min, IsIn, IsInt } from 'class-validator';
import { validateConfig } from '#runtime';

const SWITCH = ['on', 'off'] as const;
type Switch = (typeof SWITCH)[number];

/**
 * `npm test` runs the suite at the default size (bounded for CI); `npm run test:chaos` sets
 * CHAOS_ALERTS_PER_NODE=2000, the full run of the issue.
 */
export class ChaosConfig {
  /** Alerts each of the five publishing nodes sends. */
  @IsInt()
  @Min(20)
  @Max(2_000)
  CHAOS_ALERTS_PER_NODE: number = 60;

  /** Concurrent requests per publishing node. */
  @IsInt()
  @Min(1)
  @Max(32)
  CHAOS_CONCURRENCY: number = 4;

  /** Wipe Redis (FLUSHALL) once mid-run; `off` to tell its effects apart from the other faults'. */
  @IsIn(SWITCH)
  CHAOS_REDIS_WIPE: Switch = 'on';

  /** Run site kz as a leaf server and cut its link to the hub (a relay) from 45 % to 65 % of the run. */
  @IsIn(SWITCH)
  CHAOS_LEAF_CUT: Switch = 'on';
}

/** The run's settings. @throws ConfigError naming each invalid variable. */
export function chaosConfig(): ChaosConfig {
  return validateConfig(ChaosConfig);
}
