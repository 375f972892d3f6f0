/** A dead-letter command that cannot do what it was asked; reported without a stack, exit code 1. */
export class DeadLetterError extends Error {
  override readonly name: string = 'DeadLetterError';
}

/** No record with this sequence: never written, or already replayed or dropped. */
export class DeadLetterNotFoundError extends DeadLetterError {
  override readonly name = 'DeadLetterNotFoundError';

  constructor(
    readonly stream: string,
    readonly sequence: number,
  ) {
    super(`no dead letter ${sequence} in ${stream} (never written, or already replayed or dropped)`);
  }
}

/**
 * A record that does not hold up against the server (dead-letter-check.ts): its original is gone, or
 * it names a stream, consumer or message its filer had no part in. Nothing is published.
 */
export class DeadLetterNotReplayableError extends DeadLetterError {
  override readonly name = 'DeadLetterNotReplayableError';

  constructor(
    readonly sequence: number,
    readonly problem: string,
  ) {
    super(
      `dead letter ${sequence} is not replayed: ${problem}; ` +
        `inspect it with "dlq show ${sequence}" and drop it`,
    );
  }
}
