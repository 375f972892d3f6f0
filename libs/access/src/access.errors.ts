/** A keys file that cannot be read or does not hold valid API key records; the node keeps what it had. */
export class ApiKeysFileError extends Error {
  override readonly name = 'ApiKeysFileError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A request to create or revoke an API key that cannot be carried out (unknown id, bad role, past expiry). */
export class ApiKeyRequestError extends Error {
  override readonly name = 'ApiKeyRequestError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * An access token that does not hold (expired, for another audience, badly signed…), or that cannot
 * be checked because the identity provider is unreachable. `reason` says which, without the token.
 */
export class TokenRefusedError extends Error {
  override readonly name = 'TokenRefusedError';

  constructor(
    readonly reason: string,
    options?: { cause?: unknown },
  ) {
    super(`token refused: ${reason}`, options);
  }
}
