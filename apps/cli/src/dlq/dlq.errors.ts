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

/** A record written after its original had expired: it holds the server's advisory, nothing to send. */
export class DeadLetterNotReplayableError extends DeadLetterError {
  override readonly name = 'DeadLetterNotReplayableError';

  constructor(readonly sequence: number) {
    super(
      `dead letter ${sequence} has no original message (it was gone from its stream when recorded); ` +
        `inspect it with "dlq show ${sequence}" and drop it`,
    );
  }
}
