/**
 * A latched wake-up call for one waiting loop: a `notify` while nobody waits is kept for the next
 * `wait`, so that work arriving between a check and the wait is never missed.
 */
export class Wakeup {
  private pending = false;
  private wake: (() => void) | undefined;

  /** Ends the current wait, or the next one if none is in progress. */
  notify(): void {
    if (this.wake === undefined) {
      this.pending = true;
      return;
    }
    this.wake();
  }

  /** Resolves on `notify`, or after `timeoutMs` when given. One waiter at a time. */
  wait(timeoutMs?: number): Promise<void> {
    if (this.pending) {
      this.pending = false;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      const timer = timeoutMs === undefined ? undefined : setTimeout(() => this.wake?.(), timeoutMs);
      this.wake = () => {
        clearTimeout(timer);
        this.wake = undefined;
        resolve();
      };
    });
  }
}
