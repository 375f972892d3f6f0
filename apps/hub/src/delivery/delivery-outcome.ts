import type { RejectionReason, SendableKind, Violation } from '#contracts';
import type { Recipient } from '../routing/routable-message.js';

/** A message the hub accepted, with everything needed to fan it out. */
export interface RoutedMessage {
  id: string;
  kind: SendableKind;
  /** The node it came from (subject, headers, body and signature agree on it). */
  origin: string;
  /** The body exactly as the origin signed it. */
  body: Uint8Array;
  /** The origin's wire headers (Bl-*), passed on unchanged so receivers verify the origin. */
  headers: Record<string, string>;
  recipients: Recipient[];
}

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
