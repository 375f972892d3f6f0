import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { RegistryError } from './registry.errors.js';
import type { RegistryIndex } from './registry-index.js';
import { loadRegistry } from './registry-file.js';

export interface RegistryWatchOptions {
  /** How often the file's status is checked, in ms (stat polling survives atomic renames). */
  pollMs?: number;
  /** Quiet time after a change before the file is read, so a half-written file is not read. */
  debounceMs?: number;
  /** Called after a new registry has replaced the old one. */
  onReload?: (path: string) => void;
  /** Called when a changed file is refused; the index keeps the registry it had. */
  onRefused?: (error: RegistryError) => void;
}

/** What tells one version of the file from another: a rename swaps the inode, a write the time and size. */
type FileVersion = string;

function versionOf(stats: { mtimeMs: number; ino: number; size: number }): FileVersion {
  return `${stats.mtimeMs}:${stats.ino}:${stats.size}`;
}

// A missing file is a version too: its return is a change.
const MISSING: FileVersion = 'missing';

/**
 * Keeps a RegistryIndex in step with its file without a restart: on a change, on SIGHUP or on an
 * explicit reload() the file is parsed in full and swapped in only when valid. A Nest app can provide
 * it as is: its lifecycle hooks start and stop it.
 */
export class RegistryFileWatcher {
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  // The version the index was loaded from: taken when the watcher is made (right after the load), so
  // a change before start() is noticed at the first poll rather than lost.
  private known: FileVersion;
  private readonly onHangup = () => {
    this.reload();
  };

  constructor(
    private readonly path: string,
    private readonly index: RegistryIndex,
    private readonly options: RegistryWatchOptions = {},
  ) {
    try {
      this.known = versionOf(statSync(path));
    } catch {
      this.known = MISSING;
    }
  }

  /** Starts polling the file's status and listening for SIGHUP. */
  start(): void {
    if (this.poller !== undefined) return;
    this.poller = setInterval(() => void this.poll(), this.options.pollMs ?? 1_000);
    this.poller.unref();
    process.on('SIGHUP', this.onHangup);
  }

  /** Stops watching and drops a pending reload. */
  stop(): void {
    if (this.poller === undefined) return;
    clearInterval(this.poller);
    this.poller = undefined;
    process.off('SIGHUP', this.onHangup);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  onModuleInit(): void {
    this.start();
  }

  onApplicationShutdown(): void {
    this.stop();
  }

  /** Reads the file now; true when the new registry was swapped in, false when it was refused. */
  reload(): boolean {
    try {
      this.index.replace(loadRegistry(this.path));
    } catch (error) {
      if (!(error instanceof RegistryError)) throw error;
      this.options.onRefused?.(error);
      return false;
    }
    this.options.onReload?.(this.path);
    return true;
  }

  // Stat polling rather than fs.watch: it survives atomic renames and network file systems.
  private async poll(): Promise<void> {
    if (this.polling) return;
    this.polling = true;
    try {
      const version = await stat(this.path).then(versionOf, () => MISSING);
      if (version !== this.known && this.poller !== undefined) {
        this.known = version;
        this.schedule();
      }
    } finally {
      this.polling = false;
    }
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.reload();
    }, this.options.debounceMs ?? 200);
    this.timer.unref();
  }
}
