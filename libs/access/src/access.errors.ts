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
