// A rate limiter for unit tests: each node may send `allowance` messages, then none.
import { RateLimitStore } from '../src/rate-limit/rate-limit.store.js';

export class CountingRateLimiter extends RateLimitStore {
  private readonly taken = new Map<string, number>();

  constructor(private readonly allowance = Number.POSITIVE_INFINITY) {
    super();
  }

  /** Tokens `node` has asked for so far. */
  tokensTaken(node: string): number {
    return this.taken.get(node) ?? 0;
  }

  async admit(node: string): Promise<boolean> {
    const taken = (this.taken.get(node) ?? 0) + 1;
    this.taken.set(node, taken);
    return taken <= this.allowance;
  }
}
