import type { SubscriptionChange } from '#contracts';

/** One node's narrowing in force, and where it stands in the store's order of writes. */
export interface StoredSubscription {
  change: SubscriptionChange;
  /** Increases with every write; a later write of a node's narrowing always has a higher one. */
  revision: number;
}

/**
 * Port to the durable narrowings, one per node. Every hub instance follows every write, so a change
 * one instance applies reaches the routing of all of them.
 */
export abstract class SubscriptionStore {
  /** Stores `change` as its sender's narrowing in force; resolves with the write's revision. */
  abstract write(change: SubscriptionChange): Promise<number>;
  /**
   * Calls `apply` with every narrowing stored, then with each later write as it is stored, until
   * `stop`. Resolves once every narrowing stored when it was called has been applied.
   */
  abstract follow(apply: (stored: StoredSubscription) => void): Promise<void>;
  abstract stop(): Promise<void>;
}
