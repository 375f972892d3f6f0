/**
 * Where to reach NATS, or as whom, cannot be used: an unreadable seed or credentials file, or both
 * given. Input the operator can fix (the CLI's exit code 2).
 */
export class NatsSourceError extends Error {
  override readonly name = 'NatsSourceError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
