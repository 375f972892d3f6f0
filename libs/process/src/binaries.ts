import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';
import { MissingBinaryError } from './process.errors.js';

/**
 * The absolute path of an executable: the preferred locations first (Debian puts nats-server in
 * /usr/sbin, which is often not on a user's PATH), then each PATH entry.
 * @throws MissingBinaryError naming where it looked and how to install it.
 */
export function findBinary(name: string, preferred: readonly string[] = []): string {
  const pathDirs = (process.env.PATH ?? '').split(delimiter).filter((dir) => dir !== '');
  const candidates = [...preferred, ...pathDirs.map((dir) => join(dir, name))];
  const found = candidates.find(isExecutable);
  if (found === undefined) throw new MissingBinaryError(name, [...preferred, 'PATH']);
  return found;
}

/** Like {@link findBinary} but `undefined` when absent, for optional helpers. */
export function findOptionalBinary(name: string): string | undefined {
  try {
    return findBinary(name);
  } catch (error) {
    if (error instanceof MissingBinaryError) return undefined;
    throw error;
  }
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
