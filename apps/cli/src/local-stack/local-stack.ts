import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { StackSummary } from '#stack';
import { UsageError } from '../cli.errors.js';

/** Where `npm start` writes the running stack's summary, from the project folder. */
export const LOCAL_STACK_FILE = join('.data', 'stack.json');

/** The local stack a command defaults to: its summary and the file it came from. */
export interface LocalStack {
  file: string;
  summary: StackSummary;
  /** The operator NATS user's seed beside it, when there is one. */
  operatorSeed?: string;
}

/**
 * The stack named by `given` (`--stack`, BORDERLINK_STACK: its stack.json or its data folder), else
 * the one `npm start` runs from the working directory, else none.
 */
export function findLocalStack(given: string | undefined, cwd = process.cwd()): LocalStack | undefined {
  let file: string;
  if (given !== undefined) {
    file = resolve(cwd, given);
    if (existsSync(join(file, 'stack.json'))) file = join(file, 'stack.json');
    if (!existsSync(file)) {
      throw new UsageError(
        `no stack summary at ${file}: start the stack (npm start) or fix --stack/BORDERLINK_STACK`,
      );
    }
  } else {
    file = resolve(cwd, LOCAL_STACK_FILE);
    if (!existsSync(file)) return undefined;
  }
  let summary: StackSummary;
  try {
    summary = JSON.parse(readFileSync(file, 'utf8')) as StackSummary;
  } catch (error) {
    throw new UsageError(`cannot read the stack summary ${file}: restart the stack (npm start)`, {
      cause: error,
    });
  }
  const seed = join(dirname(file), 'operator.nk');
  return { file, summary, ...(existsSync(seed) ? { operatorSeed: seed } : {}) };
}
