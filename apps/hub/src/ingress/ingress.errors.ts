/**
 * An ingress message that is not a Borderlink message at all: it lacks the signed headers that
 * would say who sent it. Nothing can be proven about its sender, so it is acked and counted, never
 * answered, and it costs no one's rate bucket.
 */
export class IngressDrop extends Error {
  override readonly name = 'IngressDrop';

  constructor(
    /** The required signed headers it lacks. */
    readonly missing: readonly string[],
    options?: { cause?: unknown },
  ) {
    super(`missing signed header ${missing.join(', ')}`, options);
  }
}
