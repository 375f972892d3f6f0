import type { PublishResult } from '#messaging';

/** Callers waiting, each for a bounded time, for JetStream's ack of a message id. */
export class AckWaiters {
  private readonly waiting = new Map<string, Set<(outcome: PublishResult | undefined) => void>>();

  /** Resolves with the ack's outcome for message `id`, or undefined when none came within `timeoutMs`. */
  wait(id: string, timeoutMs: number): Promise<PublishResult | undefined> {
    if (timeoutMs <= 0) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const set = this.waiting.get(id) ?? new Set();
      this.waiting.set(id, set);
      const done = (outcome: PublishResult | undefined): void => {
        clearTimeout(timer);
        set.delete(done);
        if (set.size === 0 && this.waiting.get(id) === set) this.waiting.delete(id);
        resolve(outcome);
      };
      const timer = setTimeout(() => done(undefined), timeoutMs);
      set.add(done);
    });
  }

  /** JetStream acknowledged message `id`: every caller waiting for it gets `outcome`. */
  settle(id: string, outcome: PublishResult): void {
    for (const done of [...(this.waiting.get(id) ?? [])]) done(outcome);
  }

  /** Ends every wait without an ack (shutdown). */
  clear(): void {
    for (const set of [...this.waiting.values()]) for (const done of [...set]) done(undefined);
  }
}
