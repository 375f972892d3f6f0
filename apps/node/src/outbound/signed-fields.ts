import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { MessageOf } from '#contracts';
import { canonicalSentTime, formatHandling, type SignedFields } from '#trust';

/** The kinds a node originates, and so signs with its own key. */
export type OutboundKind = 'alert' | 'notice' | 'reply' | 'receipt' | 'release' | 'group';

type OutboundMessage = MessageOf<OutboundKind>;

// Alerts correlate by incident, notices and replies by thread; receipts stand alone.
function correlationOf(message: OutboundMessage): string {
  switch (message.$typeName) {
    case 'borderlink.v1.Alert':
      return message.incident;
    case 'borderlink.v1.Notice':
    case 'borderlink.v1.Reply':
      return message.thread;
    case 'borderlink.v1.Receipt':
      return '';
    // A release correlates with the message it would release, a group change with its group.
    case 'borderlink.v1.Release':
      return message.message;
    case 'borderlink.v1.GroupChange':
      return message.group;
  }
}

function handlingOf(message: OutboundMessage): string {
  return formatHandling('handling' in message ? message.handling : undefined);
}

/**
 * The header fields a node signs for one of its messages, read from the message itself so the
 * headers cannot disagree with the body. The message must already carry its id, sender and sent time.
 */
export function signedFieldsOf(kind: OutboundKind, message: OutboundMessage): SignedFields {
  if (message.sent === undefined) throw new RangeError(`${kind} ${message.id} has no sent time`);
  return {
    id: message.id,
    type: kind,
    sender: message.sender,
    sent: canonicalSentTime(timestampDate(message.sent)),
    handling: handlingOf(message),
    correlation: correlationOf(message),
  };
}
