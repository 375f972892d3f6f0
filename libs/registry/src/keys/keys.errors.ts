/**
 * A request about node keys that cannot be done as asked: a malformed node id, public key or time,
 * a node without a seed file or a file that does not hold a seed, an archived seed in the way, or an
 * enrolled registry that would overwrite its source. The operator can fix it; the message says how.
 */
export class NodeKeyError extends Error {
  override readonly name = 'NodeKeyError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
