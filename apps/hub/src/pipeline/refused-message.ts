import { RejectionReason, type Violation } from '#contracts';

/** A message the hub refused, and what it knows about where it came from. */
export interface RefusedMessage {
  /** The id its Bl-Id header claims; undefined when absent or unusable. */
  id?: string;
  /** Ingress stream sequence: names the message when it has no usable id. */
  sequence: number;
  subject: string;
  /** The subject's kind token, when the subject could be read. */
  kind?: string;
  /** The registered node it came from, which gets the Rejection; undefined when there is none. */
  origin?: string;
  reason: RejectionReason;
  detail: string;
  violations: readonly Violation[];
}

/** The reason's stable name, e.g. `SIGNATURE_INVALID`, as used in metrics and logs. */
export function reasonName(reason: RejectionReason): string {
  return RejectionReason[reason] ?? 'UNSPECIFIED';
}
