import { setTimeout as pause } from 'node:timers/promises';
import { JetStreamApiError } from '@nats-io/jetstream';
import { NoRespondersError, RequestError, TimeoutError } from '@nats-io/transport-node';
import { exponentialDelay } from './backoff.js';

/** How often and how patiently an operation is retried. */
export interface RetryPolicy {
  attempts: number;
  firstDelayMs: number;
  maxDelayMs: number;
}

const MAX_CAUSE_DEPTH = 5;
const SERVICE_UNAVAILABLE = 503;

/**
 * True for failures that a moment later may not recur: a request timeout, no responders (JetStream
 * not answering yet, e.g. while a server restarts) or a JetStream 503. Follows the `cause` chain,
 * because nats.js wraps no-responders in other errors.
 */
export function isTransientNatsError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; current instanceof Error && depth < MAX_CAUSE_DEPTH; depth++) {
    if (current instanceof TimeoutError || current instanceof NoRespondersError) return true;
    if (current instanceof RequestError && current.isNoResponders()) return true;
    if (current instanceof JetStreamApiError && current.status === SERVICE_UNAVAILABLE) return true;
    current = current.cause;
  }
  return false;
}

/**
 * Runs `operation` until it succeeds, fails with an error `isRetryable` rejects, or `policy.attempts`
 * are used up, waiting with exponential backoff in between; then throws what `giveUp` makes of the
 * last error and the number of attempts.
 */
export async function withRetry<T>(
  operation: () => Promise<T>,
  policy: RetryPolicy,
  giveUp: (error: unknown, attempts: number) => Error,
  isRetryable: (error: unknown) => boolean = isTransientNatsError,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await operation();
    } catch (error) {
      if (attempt >= policy.attempts || !isRetryable(error)) throw giveUp(error, attempt);
      await pause(exponentialDelay(attempt, policy.firstDelayMs, policy.maxDelayMs));
    }
  }
}
