import { FileWatch } from '#runtime';
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

/**
 * Keeps a RegistryIndex in step with its file without a restart: on a change, on SIGHUP or on an
 * explicit reload() the file is parsed in full and swapped in only when valid. A Nest app can provide
 * it as is: its lifecycle hooks start and stop it.
 */
export class RegistryFileWatcher {
  private readonly watch: FileWatch;

  constructor(
    private readonly path: string,
    private readonly index: RegistryIndex,
    private readonly options: RegistryWatchOptions = {},
  ) {
    this.watch = new FileWatch(path, () => this.reload(), options);
  }

  /** Starts watching the file and listening for SIGHUP. */
  start(): void {
    this.watch.start();
  }

  /** Stops watching and drops a pending reload. */
  stop(): void {
    this.watch.stop();
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
}
