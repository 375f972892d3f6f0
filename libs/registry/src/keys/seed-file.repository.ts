import { chmod, mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NodeKeyError } from './keys.errors.js';

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException).code === 'ENOENT';

/** Node seeds as text files `<dir>/<id>.nk`, readable by their owner only. */
export class SeedFileRepository {
  constructor(readonly dir: string) {}

  /** The file of a node's seed; `id` must already be a validated node id (a subject token). */
  path(id: string): string {
    return join(this.dir, `${id}.nk`);
  }

  /** The seed text of a node, or undefined when it has no seed file. */
  async read(id: string): Promise<string | undefined> {
    try {
      return await readFile(this.path(id), 'utf8');
    } catch (error) {
      if (isMissing(error)) return undefined;
      throw error;
    }
  }

  /** True when group or others may read or write the node's seed file. */
  async isExposed(id: string): Promise<boolean> {
    return ((await stat(this.path(id))).mode & 0o077) !== 0;
  }

  /** Writes a new seed file with mode 0600; never overwrites an existing one. */
  async create(id: string, seed: string): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const path = this.path(id);
    await writeFile(path, `${seed}\n`, { mode: 0o600, flag: 'wx' });
    // The creation mode is filtered by the umask; set it exactly.
    await chmod(path, 0o600);
  }

  /**
   * Moves a node's seed file aside as `<id>.<label>.nk` (kept, so messages it signed can still be
   * re-signed or audited) and returns the new path; never overwrites an archived seed.
   */
  async archive(id: string, label: string): Promise<string> {
    const archived = join(this.dir, `${id}.${label}.nk`);
    try {
      await stat(archived);
    } catch (error) {
      if (!isMissing(error)) throw error;
      await rename(this.path(id), archived);
      return archived;
    }
    throw new NodeKeyError(`${archived} already exists; it is not overwritten`);
  }
}
