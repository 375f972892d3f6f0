/** Input the user can fix (an argument, a path, a file's content); reported without a stack, exit code 2. */
export class UsageError extends Error {
  override readonly name = 'UsageError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
