/** A body or JSON document that is not a valid message of the declared kind. */
export class DecodeError extends Error {
  override readonly name: string = 'DecodeError';
  /** JSON path of the offending value (e.g. `items[0].weapon.type`) when a JSON document was refused. */
  readonly field: string | undefined;

  constructor(message: string, options?: { cause?: unknown; field?: string | undefined }) {
    super(message, options);
    this.field = options?.field;
  }
}

/** A body over LIMITS.maxBodyBytes, refused before decoding (a Rejection's OVERSIZED, not MALFORMED). */
export class OversizedBodyError extends DecodeError {
  override readonly name: string = 'OversizedBodyError';

  constructor(
    readonly size: number,
    readonly limit: number,
  ) {
    super(`body of ${size} bytes exceeds the limit of ${limit} bytes`);
  }
}

/**
 * A message that cannot be written: over LIMITS.maxBodyBytes once encoded, or holding a value its
 * schema cannot carry (e.g. a timestamp outside the JSON range).
 */
export class EncodeError extends Error {
  override readonly name: string = 'EncodeError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
