/**
 * A configuration that cannot be generated as asked: a malformed address, key, site or hub URL,
 * options that do not go together, or a leaf secret file that does not hold a secret. The operator
 * can fix it; the message says what to change.
 */
export class NatsConfigError extends Error {
  override readonly name = 'NatsConfigError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
