/** A dead-letter operation that cannot do what it was asked (the CLI reports it without a stack, exit code 1). */
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
    super(`dead letter ${sequence} is not replayed: ${problem}; ` + 'inspect it and drop it');
  }
}

/**
 * The decision could not be recorded in the audit chain (the hub did not answer, or refused it), so
 * nothing was done: a replay or drop is never carried out unrecorded.
 */
export class OperatorAuditError extends DeadLetterError {
  override readonly name = 'OperatorAuditError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
