// Enough for every message failing at once in a busy process; the oldest entry goes first beyond it.
const DEFAULT_CAPACITY = 10_000;

/**
 * Handler failures per message, counted in this process. The server's delivery count is no measure
 * of attempts: nats-server 2.9 with leaf nodes counts deliveries to pull requests no client listens
 * to any more (a few seconds around a restart are enough to reach a hundred), so a limit on it can
 * dead-letter a message no handler ever saw. A count kept here rises only when a handler ran and
 * failed. It starts over when the process does, so across restarts a failing message is retried on.
 */
export class FailureTally {
  private readonly counts = new Map<string, number>();

  constructor(private readonly capacity = DEFAULT_CAPACITY) {}

  /** Records one more failure of the message `key`; returns its failures so far. */
  add(key: string): number {
    const failures = (this.counts.get(key) ?? 0) + 1;
    this.counts.delete(key);
    this.counts.set(key, failures);
    if (this.counts.size > this.capacity) this.counts.delete(this.counts.keys().next().value!);
    return failures;
  }

  /** Forgets `key` (its message was acked or dead-lettered). */
  clear(key: string): void {
    this.counts.delete(key);
  }
}
