/** Where a received alert stands: the current version, replaced by a later one, or withdrawn. */
export const ITEM_STATES = ['active', 'superseded', 'cancelled'] as const;
export type ItemState = (typeof ITEM_STATES)[number];

/** The kinds of message from the network that land in a node's inbox. */
export const RECEIVED_KINDS = ['alert', 'notice', 'reply'] as const;
export type ReceivedKind = (typeof RECEIVED_KINDS)[number];

/** Whether messages of `kind` from the network land in the inbox. */
export function isReceivedKind(kind: string): kind is ReceivedKind {
  return (RECEIVED_KINDS as readonly string[]).includes(kind);
}

/**
 * What the inbox lists: received messages, the hub's reminders of unanswered requests, and the node's
 * own findings about them (a serial `match`).
 */
export const INBOX_KINDS = [...RECEIVED_KINDS, 'reminder', 'match'] as const;
export type InboxKind = (typeof INBOX_KINDS)[number];

/** One received message as the inbox API shows it. */
export interface InboxItem {
  id: string;
  kind: InboxKind;
  /** The origin node (the signed `Bl-Sender`); this node for its own findings. */
  sender: string;
  /** When this node took it in (RFC 3339). */
  receivedAt: string;
  /** The region token it was delivered under (`direct` for explicit addressees). */
  region: string;
  /** The category token it was delivered under (`general` when none). */
  category: string;
  /** True when the origin's signature verified against the registry. */
  verified: boolean;
  /** Why verification failed; present only when `verified` is false. */
  verification?: string;
  /** The signed handling label, e.g. `TLP:AMBER;H2`. */
  handling: string;
  /**
   * True while it came only over the national site's fast path: the hub has not delivered it (yet).
   * The hub's copy clears it; an item that keeps it was refused by the hub, or is still on its way.
   */
  viaSite?: boolean;
  /** The message in the protobuf JSON mapping. */
  message: unknown;
}

/** An inbox item as a reader is shown it: where it stands now, which is never stored with it. */
export interface ShownItem extends InboxItem {
  /** Only alerts are superseded or cancelled, and only by their own sender. */
  state: ItemState;
  /** The latest update of this alert, when `superseded`. */
  supersededBy?: string;
  /** The alert that cancelled this one, when `cancelled`. */
  cancelledBy?: string;
  /** True once an alert's `expires` has passed: it leaves the default listing. */
  expired?: boolean;
}
