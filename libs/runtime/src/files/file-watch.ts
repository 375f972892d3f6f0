import { statSync } from 'node:fs';
import { stat } from 'node:fs/promises';

/** How a {@link FileWatch} notices changes. */
export interface FileWatchOptions {
  /** How often the file's status is checked, in ms (stat polling survives atomic renames). */
  pollMs?: number;
  /** Quiet time after a change before `onChange` runs, so a half-written file is not read. */
  debounceMs?: number;
}

/** What tells one version of the file from another: a rename swaps the inode, a write the time and size. */
type FileVersion = string;

// A missing file is a version too: its return is a change.
const MISSING: FileVersion = 'missing';

function versionOf(stats: { mtimeMs: number; ino: number; size: number }): FileVersion {
  return `${stats.mtimeMs}:${stats.ino}:${stats.size}`;
}

/**
 * Calls `onChange` when a file changes (its modification time, inode or size), a moment after the
 * last change, and on SIGHUP. What the file means, and whether its new content is valid, is the
 * caller's: the registry and a node's API keys are both reloaded through one.
 */
export class FileWatch {
  private timer: NodeJS.Timeout | undefined;
  private poller: NodeJS.Timeout | undefined;
  private polling = false;
  // The version the caller read: taken when the watch is made (right after the read), so a change
  // before start() is noticed at the first poll rather than lost. fs.watchFile compares with its own
  // first look instead, which misses a change written before it.
  private known: FileVersion;
  private readonly onHangup = () => this.onChange();

  constructor(
    private readonly path: string,
    private readonly onChange: () => void,
    private readonly options: FileWatchOptions = {},
  ) {
    try {
      this.known = versionOf(statSync(path));
    } catch {
      this.known = MISSING;
    }
  }

  /** Starts polling the file and listening for SIGHUP. */
  start(): void {
    if (this.poller !== undefined) return;
    this.poller = setInterval(() => void this.poll(), this.options.pollMs ?? 1_000);
    this.poller.unref();
    process.on('SIGHUP', this.onHangup);
  }

  /** Stops watching and drops a pending call. */
  stop(): void {
    if (this.poller === undefined) return;
    clearInterval(this.poller);
    this.poller = undefined;
    process.off('SIGHUP', this.onHangup);
    clearTimeout(this.timer);
    this.timer = undefined;
  }

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
      this.onChange();
    }, this.options.debounceMs ?? 200);
    this.timer.unref();
  }
}
