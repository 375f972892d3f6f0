import { chmod, mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Writes `text` to `path` through a temporary file and a rename, so readers never see half a file.
 * With `mode` the file gets exactly that mode (e.g. 0o600 for what only its owner may read) before
 * it takes the place of the old one.
 */
export async function writeAtomically(path: string, text: string, mode?: number): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const temporary = `${path}.${process.pid}.tmp`;
  await writeFile(temporary, text, mode === undefined ? {} : { mode });
  // The creation mode is filtered by the umask; set it exactly.
  if (mode !== undefined) await chmod(temporary, mode);
  await rename(temporary, path);
}
