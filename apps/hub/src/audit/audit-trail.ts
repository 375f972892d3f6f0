import type { AuditEvent, RejectionReason } from '#contracts';

/** One event to record; the hub adds the time, its own id and the chain fields. */
export interface AuditRecord {
  event: AuditEvent;
  /**
   * Names the occurrence for de-duplication, e.g. the message id: recording the same `ref` and `event`
   * again within the audit stream's duplicate window (a redelivery after a crash) stores nothing new.
   */
  ref: string;
  /** The message concerned (or, for group events, the group). */
  message?: string;
  /** The messages concerned, for an event about many at once (a `delivered` batch). */
  messages?: readonly string[];
  kind?: string;
  /** The node the message came from. */
  origin?: string;
  /** Who acted at the origin node: the signed message's `actor`. */
  person?: string;
  /** The other nodes concerned: recipients, the receipt's sender, the released-to node, a member. */
  recipients?: readonly string[];
  reason?: RejectionReason;
  detail?: string;
}

/** The stored entry that holds an event: what a delivery statement names. */
export interface AuditEntryRef {
  /** Its chain position, equal to its audit stream sequence. */
  position: bigint;
  hash: Uint8Array;
  /** When the hub recorded it. */
  at: Date;
}

/** Where a recorded event is stored. */
export interface AuditReceipt {
  /** Audit stream sequence of the entry holding the event. */
  streamSequence: number;
  /** True when the event had already been recorded (same `ref` and `event`). */
  duplicate: boolean;
  /** The entry holding it (the earlier one for a duplicate). */
  entry: AuditEntryRef;
}

/**
 * The hub's audit trail: every accepted, rejected, delivered, read, acknowledged, declined, released or
 * re-shared message and every group change is recorded here. Features inject this port; `record`
 * resolves once the entry is durably stored in the chain, so callers ack their input only after it.
 */
export abstract class AuditTrail {
  abstract record(record: AuditRecord): Promise<AuditReceipt>;
}
