import type { Held } from '../held/held-messages.service.js';

/** One message of a thread as this node knows it: received (with its state) or sent (with its receipts). */
export interface ThreadEntry extends Held {
  /** The signed sent time (RFC 3339): the thread's order. */
  sent: string;
}
