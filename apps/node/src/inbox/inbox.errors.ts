/** The inbox item's origin signature did not verify, so its sender cannot be answered (HTTP 409). */
export class UnverifiedMessageError extends Error {
  override readonly name = 'UnverifiedMessageError';

  constructor(
    readonly id: string,
    options?: { cause?: unknown },
  ) {
    super(`message ${id} failed signature verification; its sender is not known for certain`, options);
  }
}
