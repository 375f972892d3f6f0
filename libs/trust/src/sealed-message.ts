import { timestampDate } from '@bufbuild/protobuf/wkt';
import { encodeMessage, type MessageKind, type MessageOf } from '#contracts';
import { sealHeaders } from './envelope.js';
import { formatHandling } from './handling-label.js';
import type { NodeSigner } from './node-signer.js';
import { canonicalSentTime } from './sent-time.js';
import type { SignedFields } from './signed-fields.js';

/** One message encoded and signed by its origin: the body and `Bl-*` headers it travels with. */
export interface SealedMessage {
  id: string;
  kind: MessageKind;
  /** The protobuf encoding, exactly the bytes signed. */
  body: Uint8Array;
  /** The six signed fields, `Bl-Key` and `Bl-Signature`. */
  headers: Record<string, string>;
}

// What a message correlates with: alerts by incident, notices and replies by thread, a release with
// the message it would release, a group change with its group, a routing report with the message it
// reports on, a reminder with its request. Receipts (single or batched), rejections, audit checkpoints and subscription changes stand alone (a rejection's subject message is
// not vouched for).
/** The `Bl-Correlation` value of `message`: what it correlates with, or empty. */
export function correlationOf(message: MessageOf<MessageKind>): string {
  switch (message.$typeName) {
    case 'borderlink.v1.Alert':
      return message.incident;
    case 'borderlink.v1.Notice':
    case 'borderlink.v1.Reply':
      return message.thread;
    case 'borderlink.v1.Release':
    case 'borderlink.v1.RoutingReport':
      return message.message;
    case 'borderlink.v1.RequestReminder':
      return message.request;
    case 'borderlink.v1.GroupChange':
      return message.group;
    case 'borderlink.v1.Receipt':
    case 'borderlink.v1.DeliveredBatch':
    case 'borderlink.v1.Rejection':
    case 'borderlink.v1.AuditCheckpoint':
    case 'borderlink.v1.SubscriptionChange':
      return '';
  }
}

/**
 * The header fields the origin signs for `message`, read from the message itself so that headers and
 * body cannot disagree. The message must carry its id, sender and sent time.
 * @throws RangeError when it has no sent time.
 */
export function signedFieldsOf<K extends MessageKind>(kind: K, message: MessageOf<K>): SignedFields {
  if (message.sent === undefined) throw new RangeError(`${kind} ${message.id} has no sent time`);
  return {
    id: message.id,
    type: kind,
    sender: message.sender,
    sent: canonicalSentTime(timestampDate(message.sent)),
    handling: formatHandling('handling' in message ? message.handling : undefined),
    correlation: correlationOf(message),
  };
}

/**
 * Encodes and signs `message` as its origin: the one place where what a node or the hub sends gets its
 * signature.
 * @throws EncodeError when the encoding exceeds the wire limits; EnvelopeError for an unsignable field.
 */
export function sealMessage<K extends MessageKind>(
  signer: NodeSigner,
  kind: K,
  message: MessageOf<K>,
): SealedMessage {
  const body = encodeMessage(kind, message);
  return { id: message.id, kind, body, headers: sealHeaders(signer, signedFieldsOf(kind, message), body) };
}
