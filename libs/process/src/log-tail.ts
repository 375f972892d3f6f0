import { readFile } from 'node:fs/promises';

const LOG_TAIL_CHARS = 4_000;

/**
 * The end of a process's log written since byte `from` (at most a few thousand characters), for
 * error messages; empty when the file cannot be read.
 */
export async function readLogTail(file: string, from = 0): Promise<string> {
  try {
    const text = (await readFile(file)).subarray(from).toString('utf8').trim();
    return text.length > LOG_TAIL_CHARS ? `…${text.slice(-LOG_TAIL_CHARS)}` : text;
  } catch {
    return '';
  }
}
