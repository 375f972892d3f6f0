/** A checkpoint the hub sent that no registry hub key valid at its time signed: not kept as a witness. */
export class CheckpointRefused extends Error {
  override readonly name = 'CheckpointRefused';

  constructor(
    /** Why, e.g. `checkpoint-not-hub`. */
    readonly reason: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
