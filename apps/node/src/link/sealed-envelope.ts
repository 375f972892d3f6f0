import type { SendableKind } from '#contracts';
import type { OutboundEnvelope } from '#messaging';

/**
 * One of this node's messages, signed and ready for the wire: what is published, byte for byte, on
 * every attempt, so that retries carry the same `Nats-Msg-Id` (the message id) and the same signature.
 */
export interface SealedEnvelope extends OutboundEnvelope {
  kind: SendableKind;
}
