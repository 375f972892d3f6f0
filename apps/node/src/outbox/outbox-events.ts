import type { MessageOf, SendableKind } from '#contracts';
import type { SealedEnvelope } from '../link/sealed-envelope.js';

// The news the outbox has for the features above it (@nestjs/event-emitter): each event's name and payload.

/**
 * Emitted (synchronously) when the outbox has queued a message it did not hold yet, before it waits
 * for the ack; a client's retry of a queued id emits nothing. The site fast path listens.
 */
export const MESSAGE_QUEUED = 'outbox.message-queued';

/** The payload of {@link MESSAGE_QUEUED}: the message as queued, and its sealed envelope. */
export interface MessageQueued<K extends SendableKind = SendableKind> {
  kind: K;
  message: MessageOf<K>;
  envelope: SealedEnvelope;
}
