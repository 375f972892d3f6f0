import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/** Where a service left off: its subscription and the id of the last event its handlers finished. */
export interface BorderlinkCursor {
  /** The service subscription registered for the handlers (absent when fed from the inbox). */
  subscriptionId?: string;
  lastEventId?: string;
}

/** Keeps a service's cursor across restarts; the module saves it after each event is handled. */
export interface BorderlinkCursorStore {
  load(): Promise<BorderlinkCursor | undefined>;
  save(cursor: BorderlinkCursor): Promise<void>;
}

/** The default store: a small JSON file, replaced atomically on each save. */
export class FileCursorStore implements BorderlinkCursorStore {
  constructor(private readonly path: string) {}

  async load(): Promise<BorderlinkCursor | undefined> {
    try {
      return JSON.parse(await readFile(this.path, 'utf8')) as BorderlinkCursor;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw error;
    }
  }

  async save(cursor: BorderlinkCursor): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    const temporary = `${this.path}.${process.pid}.tmp`;
    await writeFile(temporary, `${JSON.stringify(cursor)}\n`, { mode: 0o600 });
    await rename(temporary, this.path);
  }
}

/** A store in memory: the service starts over on each start. For tests. */
export class MemoryCursorStore implements BorderlinkCursorStore {
  constructor(private cursor?: BorderlinkCursor) {}

  load(): Promise<BorderlinkCursor | undefined> {
    return Promise.resolve(this.cursor);
  }

  save(cursor: BorderlinkCursor): Promise<void> {
    this.cursor = { ...cursor };
    return Promise.resolve();
  }
}
