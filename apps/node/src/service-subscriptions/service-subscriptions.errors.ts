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
