// FLUSHALL does not disconnect clients, so a wipe is noticed only by looking: a check this often.
const DEFAULT_INTERVAL_MS = 2_000;

/** What a {@link RebuildWatch} checks and runs. */
export interface RebuildWatchOptions {
  /** True when no rebuild is needed now: the state is whole (or nothing can be done yet). */
  isWhole: () => Promise<boolean>;
  /** Restores the state and marks it whole. */
  rebuild: () => Promise<void>;
  /** Set to 1 while a rebuild runs, 0 after (e.g. the `bl_state_rebuilding` gauge). */
  rebuilding: { set(value: number): void };
  /** Told of a failed check or rebuild; the next check tries again. */
  onError: (error: unknown) => void;
  intervalMs?: number;
}

/**
 * Keeps state in Redis whole: checks at start and then periodically, rebuilding when the check
 * fails, one run at a time.
 */
export class RebuildWatch {
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: RebuildWatchOptions) {}

  /** Checks now and then every interval; resolves when the first check (and rebuild) is done, never rejects. */
  start(): Promise<void> {
    const check = () => this.ensure().catch(this.options.onError);
    this.timer ??= setInterval(() => void check(), this.options.intervalMs ?? DEFAULT_INTERVAL_MS);
    return check();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  // Rebuilds unless the state is whole; a check while a rebuild runs waits for that run.
  private ensure(): Promise<void> {
    this.running ??= this.rebuildIfLost().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async rebuildIfLost(): Promise<void> {
    if (await this.options.isWhole()) return;
    this.options.rebuilding.set(1);
    try {
      await this.options.rebuild();
    } finally {
      this.options.rebuilding.set(0);
    }
  }
}
