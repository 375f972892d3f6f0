/** A dead-letter id that is no record's sequence (HTTP 400). */
export class InvalidDeadLetterIdError extends Error {
  override readonly name = 'InvalidDeadLetterIdError';

  constructor(readonly id: string) {
    super(`"${id}" is not a dead-letter id (a positive integer)`);
  }
}
