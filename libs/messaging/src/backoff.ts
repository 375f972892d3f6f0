const REDELIVERY_FIRST_DELAY_MS = 1_000;
const REDELIVERY_MAX_DELAY_MS = 60_000;

/** `firstMs`, doubled at each further step (step 1 → firstMs), never above `maxMs`. */
export function exponentialDelay(step: number, firstMs: number, maxMs: number): number {
  const exponent = Math.max(0, Math.floor(step) - 1);
  return Math.min(maxMs, firstMs * 2 ** exponent);
}

/**
 * Redelivery delay in ms after the `failures`-th transient failure of a message: 1 s, 2 s, 4 s, …
 * capped at 60 s, so a failing dependency is not hammered while it recovers.
 */
export function backoffDelay(failures: number): number {
  return exponentialDelay(failures, REDELIVERY_FIRST_DELAY_MS, REDELIVERY_MAX_DELAY_MS);
}
