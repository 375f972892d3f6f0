/** A seed or public key that is not a valid nkey of the expected kind (user seed `SU…`, user public key `U…`). */
export class KeyFormatError extends Error {
  override readonly name = 'KeyFormatError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
