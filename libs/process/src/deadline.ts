/** The result of {@link settleWithin}: the promise's value, or `done: false` when time ran out first. */
export type Settled<T> = { done: true; value: T } | { done: false };

/** Waits for `promise` at most `ms`; never rejects on expiry (a rejection of `promise` passes through). */
export async function settleWithin<T>(promise: Promise<T>, ms: number): Promise<Settled<T>> {
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<Settled<T>>((resolve) => {
    timer = setTimeout(() => resolve({ done: false }), ms);
  });
  try {
    return await Promise.race([promise.then((value): Settled<T> => ({ done: true, value })), expired]);
  } finally {
    clearTimeout(timer);
  }
}
