const WINDOW_MS = 60_000;
const LIMIT = 30;
// Addresses tracked at most; past this the oldest windows are dropped first.
const MAX_ADDRESSES = 10_000;

/**
 * Failed authentications per client address in a one-minute window, in this process: past 30 an
 * address is refused outright until its window ends. A wrong API key secret costs a scrypt
 * computation, so guessing must not be free to repeat; a valid key or token is never slowed.
 */
export class FailedSignIns {
  private readonly windows = new Map<string, { count: number; endsAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  /** True when `address` has failed too often in its current window. */
  blocked(address: string): boolean {
    const window = this.windows.get(address);
    if (window === undefined) return false;
    if (window.endsAt <= this.now()) {
      this.windows.delete(address);
      return false;
    }
    return window.count >= LIMIT;
  }

  record(address: string): void {
    const now = this.now();
    const window = this.windows.get(address);
    if (window !== undefined && window.endsAt > now) {
      window.count++;
      return;
    }
    if (this.windows.size >= MAX_ADDRESSES) this.windows.delete(this.windows.keys().next().value!);
    this.windows.set(address, { count: 1, endsAt: now + WINDOW_MS });
  }
}
