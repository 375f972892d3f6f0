/** The hub's signing key could not be read from HUB_SEED_FILE. */
export class HubKeyError extends Error {
  override readonly name = 'HubKeyError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
