/** The node could not write a message to its outbox (e.g. a full disk): nothing is queued (HTTP 503; retry with the same id). */
export class NotQueuedError extends Error {
  override readonly name = 'NotQueuedError';

  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`message ${id} could not be written to the outbox`, options);
  }
}
