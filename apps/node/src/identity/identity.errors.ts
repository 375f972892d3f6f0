/** This node cannot take up its identity: its seed is unreadable, or its key is not enrolled in the registry. */
export class NodeIdentityError extends Error {
  override readonly name = 'NodeIdentityError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
