import { unwatchFile, watchFile, type Stats } from 'node:fs';

/** How a {@link FileWatch} notices changes. */
export interface FileWatchOptions {
  /** How often the file's status is checked, in ms (stat polling survives atomic renames). */
  pollMs?: number;
  /** Quiet time after a change before `onChange` runs, so a half-written file is not read. */
  debounceMs?: number;
}

/**
 * Calls `onChange` when a file changes (its modification time, inode or size), a moment after the
 * last change, and on SIGHUP. What the file means, and whether its new content is valid, is the
 * caller's: the registry and a node's API keys are both reloaded through one.
 */
export class FileWatch {
  private timer: NodeJS.Timeout | undefined;
  private watching = false;
  private readonly onHangup = () => this.onChange();
  private readonly listener = (current: Stats, previous: Stats) => {
    if (
      current.mtimeMs !== previous.mtimeMs ||
      current.ino !== previous.ino ||
      current.size !== previous.size
    )
      this.schedule();
  };

  constructor(
    private readonly path: string,
    private readonly onChange: () => void,
    private readonly options: FileWatchOptions = {},
  ) {}

  /** Starts polling the file and listening for SIGHUP. */
  start(): void {
    if (this.watching) return;
    this.watching = true;
    watchFile(this.path, { interval: this.options.pollMs ?? 1_000, persistent: false }, this.listener);
    process.on('SIGHUP', this.onHangup);
  }

  /** Stops watching and drops a pending call. */
  stop(): void {
    if (!this.watching) return;
    this.watching = false;
    unwatchFile(this.path, this.listener);
    process.off('SIGHUP', this.onHangup);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private schedule(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.onChange();
    }, this.options.debounceMs ?? 200);
    this.timer.unref();
  }
}
