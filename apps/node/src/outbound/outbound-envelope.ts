import type { OutboundKind } from './signed-fields.js';

/**
 * One of this node's messages, signed and ready for the wire: what is published, byte for byte, on
 * every attempt, so that retries carry the same `Nats-Msg-Id` and the same signature.
 */
export interface OutboundEnvelope {
  /** The message id, also its `Nats-Msg-Id`. */
  id: string;
  kind: OutboundKind;
  /** `bl.in.<node>.<kind>`. */
  subject: string;
  /** The protobuf encoding of the message. */
  body: Uint8Array;
  /** The signed `Bl-*` headers. */
  headers: Record<string, string>;
}
