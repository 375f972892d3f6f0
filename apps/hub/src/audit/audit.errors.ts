/** Another writer appended first: the head has moved, so the entry must be chained again. */
export class AuditChainConflict extends Error {
  override readonly name = 'AuditChainConflict';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A stored entry of the chain cannot be read: its head, so nothing can be chained after it, or the entry of a repeated event. */
export class AuditHeadUnreadable extends Error {
  override readonly name = 'AuditHeadUnreadable';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** The chain gave up on an append: other writers kept winning, or the stream refused it. */
export class AuditAppendError extends Error {
  override readonly name = 'AuditAppendError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
