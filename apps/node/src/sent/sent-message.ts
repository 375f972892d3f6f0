import type { Violation } from '#contracts';
import type { DeliveryState } from './delivery-state.js';

/** The kinds a node's users send through its API and follow per recipient. */
export const SENT_KINDS = ['alert', 'notice', 'reply'] as const;
export type SentKind = (typeof SENT_KINDS)[number];

/** True for the kinds whose sender follows them per recipient. */
export function isSentKind(kind: string): kind is SentKind {
  return (SENT_KINDS as readonly string[]).includes(kind);
}

/**
 * The message itself: `queued` in the node's outbox, `accepted` once JetStream stored it (the hub
 * routes it), `rejected` when the hub refused it.
 */
export type SentStatus = 'queued' | 'accepted' | 'rejected';

/** One recipient's standing with a sent message. `updatedAt` is when the recipient got there (RFC 3339). */
export interface RecipientState {
  state: DeliveryState;
  updatedAt: string;
  /** The recipient's reason, for `declined`. */
  reason?: string;
}

/** Why the hub refused a message: the typed reason (protobuf enum name), its detail and field violations. */
export interface RejectionRecord {
  reason: string;
  detail: string;
  violations: Violation[];
}

/** What the sender knows about one message it sent. */
export interface SentMessage {
  id: string;
  kind: string;
  status: SentStatus;
  /** Its signed handling label (`TLP:RED;H2`); unknown for state rebuilt from the hub's reports. */
  handling?: string;
  /** The message as this node sent it (protobuf JSON mapping); unknown for state rebuilt from reports. */
  message?: unknown;
  rejection?: RejectionRecord;
  recipients: Array<RecipientState & { node: string }>;
}
