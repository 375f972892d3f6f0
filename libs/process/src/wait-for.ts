import { settleWithin } from './deadline.js';
import { WaitTimeoutError } from './process.errors.js';

/** What a probe returns while the condition does not hold yet. */
type NotYet = undefined | null | false;

/** Options of {@link waitFor}. */
export interface WaitForOptions {
  /** Upper bound of the whole wait; default 10 000 ms. */
  timeoutMs?: number;
  /** Names the condition in the timeout error, e.g. "the alert in node-b's inbox". */
  what?: string;
  /** Longest pause between two probes (they start 10 ms apart and back off); default 250 ms. */
  maxIntervalMs?: number;
}

const FIRST_INTERVAL_MS = 10;
const MAX_INTERVAL_MS = 250;

/**
 * Polls `probe` until it returns a value other than `undefined`, `null` or `false`, and resolves with
 * that value. A probe that throws counts as "not yet"; its last error becomes the timeout's `cause`.
 * Gives up after `timeoutMs` with a {@link WaitTimeoutError}, also when a probe call hangs.
 */
export async function waitFor<T>(
  probe: () => Promise<T | NotYet> | T | NotYet,
  opts: WaitForOptions = {},
): Promise<T> {
  const timeoutMs = opts.timeoutMs ?? 10_000;
  const what = opts.what ?? 'the condition';
  const deadline = Date.now() + timeoutMs;
  const maxIntervalMs = opts.maxIntervalMs ?? MAX_INTERVAL_MS;
  let interval = Math.min(FIRST_INTERVAL_MS, maxIntervalMs);
  let lastError: unknown;

  for (;;) {
    const remaining = deadline - Date.now();
    if (remaining <= 0) break;
    try {
      const outcome = await settleWithin(Promise.resolve().then(probe), remaining);
      if (outcome.done && outcome.value !== undefined && outcome.value !== null && outcome.value !== false) {
        return outcome.value;
      }
    } catch (error) {
      lastError = error;
    }
    const pause = Math.min(interval, deadline - Date.now());
    if (pause <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, pause));
    interval = Math.min(interval * 2, maxIntervalMs);
  }

  const detail = lastError instanceof Error ? ` (last error: ${lastError.message})` : '';
  throw new WaitTimeoutError(`Timed out after ${timeoutMs} ms waiting for ${what}${detail}`, {
    cause: lastError,
  });
}
