/** JetStream did not acknowledge a publish, so the message is not accepted (HTTP 503; retry with the same id). */
export class PublishFailedError extends Error {
  override readonly name = 'PublishFailedError';

  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`message ${id} was not acknowledged by JetStream`, options);
  }
}
