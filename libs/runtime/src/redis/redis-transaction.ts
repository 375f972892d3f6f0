import type { ChainableCommander } from 'ioredis';

/** A Redis MULTI that did not apply: aborted, or a command inside it failed. */
export class RedisTransactionError extends Error {
  override readonly name = 'RedisTransactionError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}

/**
 * Runs a MULTI and returns each command's reply. ioredis resolves `exec()` even when a command inside
 * failed, so this is what makes such a failure throw (and a message handler nak).
 */
export async function execTransaction(transaction: ChainableCommander): Promise<unknown[]> {
  const results = await transaction.exec();
  if (results === null) throw new RedisTransactionError('transaction aborted');
  return results.map(([error, reply]) => {
    if (error)
      throw new RedisTransactionError(`command failed in transaction: ${error.message}`, { cause: error });
    return reply;
  });
}
