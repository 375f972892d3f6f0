import { UsageError } from '../cli.errors.js';

/**
 * A dead-letter sequence as typed on the command line: a positive integer.
 * @throws UsageError for anything else.
 */
export function parseDeadLetterSequence(text: string): number {
  const seq = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(seq) || seq < 1) {
    throw new UsageError(`"${text}" is not a dead-letter sequence (a positive integer, see "dlq list")`);
  }
  return seq;
}
