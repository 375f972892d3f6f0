import type { SealedEnvelope } from '../link/sealed-envelope.js';

/** A sealed message waiting in the outbox, in the order it was queued (`seq`). */
export interface QueuedMessage extends SealedEnvelope {
  /** Position in the outbox: strictly increasing, never reused, so the send order is the queue order. */
  seq: number;
  queuedAt: Date;
}
