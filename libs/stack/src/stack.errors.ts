/**
 * The stack cannot start as asked: a node selection it cannot run, options that do not go together,
 * a registry without a hub, or a server binary to install. The operator can fix it; the message says how.
 */
export class StackConfigError extends Error {
  override readonly name = 'StackConfigError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A server or app of the local stack did not come up; the message says which and ends with its log. */
export class StackStartError extends Error {
  override readonly name = 'StackStartError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/** A process of the running stack exited without being asked to; the stack was stopped. */
export class UnexpectedExitError extends Error {
  override readonly name = 'UnexpectedExitError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
