/** Reconnection delays: exponential from `initialMs`, capped at `maxMs`, with jitter. */
export interface BackoffOptions {
  /** The first delay's ceiling (default 500 ms). */
  initialMs?: number;
  /** The longest delay (default 30 s). */
  maxMs?: number;
}

const DEFAULT_INITIAL_MS = 500;
const DEFAULT_MAX_MS = 30_000;

/**
 * The delay before reconnection attempt `attempt` (0 for the first): a random point in the upper
 * half of `min(maxMs, initialMs × 2^attempt)`, so clients cut off together do not return together,
 * yet none retries at once.
 */
export function backoffDelay(attempt: number, options: BackoffOptions = {}, random = Math.random): number {
  const initial = options.initialMs ?? DEFAULT_INITIAL_MS;
  const max = options.maxMs ?? DEFAULT_MAX_MS;
  const ceiling = Math.min(max, initial * 2 ** Math.min(attempt, 30));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
