/** No service subscription with this id, or none the caller may see (HTTP 404, one answer for both). */
export class UnknownSubscriptionError extends Error {
  override readonly name = 'UnknownSubscriptionError';

  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`unknown service subscription ${id}`, options);
  }
}

/** Redis was wiped again while matches were appended after a restore; the delivery is taken in again later. */
export class SubscriptionsWipedError extends Error {
  override readonly name = 'SubscriptionsWipedError';

  constructor(options?: { cause?: unknown }) {
    super('Redis was wiped while service subscription matches were appended', options);
  }
}
