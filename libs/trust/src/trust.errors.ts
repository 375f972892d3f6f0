/**
 * A message envelope (its Bl-* headers) that is missing a header or carries a malformed one.
 * `header` names the offending header, e.g. `Bl-Sent`, so a Rejection can point at it.
 */
export class EnvelopeError extends Error {
  override readonly name = 'EnvelopeError';

  constructor(
    readonly header: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A seed or public key that is not a valid nkey of the expected kind (user seed `SU…`, user public key `U…`). */
export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
