// Keys tracked at most; past this the oldest windows are dropped first, so memory stays bounded.
const MAX_KEYS = 100_000;

/**
 * Counts events per key in fixed windows (the first event of a key opens its window), in this
 * process: the node's per-identity rate limit and its count of failed authentications per address.
 */
export class FixedWindowCounter {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one event for `key`; false when that takes it past the limit of its window. */
  hit(key: string): boolean {
    const now = this.now();
    const window = this.windows.get(key);
    if (window !== undefined && window.endsAt > now) return ++window.count <= this.limit;
    if (window === undefined && this.windows.size >= MAX_KEYS)
      this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(key, { count: 1, endsAt: now + this.windowMs });
    return this.limit >= 1;
  }

  /** True when `key` has reached the limit of its current window. */
  reached(key: string): boolean {
    const window = this.windows.get(key);
    if (window === undefined) return false;
    if (window.endsAt <= this.now()) {
      this.windows.delete(key);
      return false;
    }
    return window.count >= this.limit;
  }
}
