/** How a failing webhook endpoint is retried. */
export interface BackoffSchedule {
  /** The delay before the first retry, in ms. */
  baseMs: number;
  /** The longest delay between two attempts, in ms. */
  maxMs: number;
}

/**
 * The delay before the next attempt after `failures` consecutive failures (1 or more): exponential,
 * `baseMs · 2^(failures − 1)` up to `maxMs`, then jittered down to between half of it and all of it,
 * so endpoints that failed together do not all come back at the same instant, and a retry never comes
 * sooner than half its step. `random` is in [0, 1) (Math.random; tests pass their own).
 */
export function backoffDelay(failures: number, schedule: BackoffSchedule, random: () => number): number {
  const step = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(step / 2 + (step / 2) * random());
}
