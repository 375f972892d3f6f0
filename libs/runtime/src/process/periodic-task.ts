/**
 * Runs an async task now and then every `intervalMs` until stopped, for background work that must
 * never hold anything else up (heartbeats, sweeps): a run still going when the next falls due is not
 * doubled (that tick is skipped), a failed run goes to `onError` and the next tick runs again, and
 * the timer does not keep the process alive.
 */
export class PeriodicTask {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly intervalMs: number,
    private readonly task: () => Promise<void>,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Runs the task at once, then every interval; a second call does nothing. */
  start(): void {
    if (this.timer !== undefined) return;
    this.timer = setInterval(() => this.tick(), this.intervalMs);
    this.timer.unref();
    this.tick();
  }

  /** Stops the timer and resolves once a run in progress has ended. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private tick(): void {
    if (this.running !== undefined) return;
    this.running = this.task()
      .catch((error: unknown) => this.onError(error))
      .finally(() => (this.running = undefined));
  }
}
