import type { ItemState } from '../inbox/item-state.js';
import type { RecipientState } from '../sent/sent-message.js';

/** One message of a thread as this node knows it: received (with its state) or sent (with its receipts). */
export interface ThreadEntry {
  id: string;
  kind: string;
  direction: 'received' | 'sent';
  sender: string;
  /** The signed sent time (RFC 3339): the thread's order. */
  sent: string;
  handling: string;
  message: unknown;
  /** Where a received alert stands. */
  state?: ItemState;
  supersededBy?: string;
  cancelledBy?: string;
  /** For what this node sent: each recipient's delivery state, from the hub's reports and their receipts. */
  receipts?: Array<RecipientState & { node: string }>;
}
