import { timestampDate } from '@bufbuild/protobuf/wkt';
import type { MessageKind, MessageOf } from '#contracts';
import { formatHandling } from './handling-label.js';
import { correlationOf } from './sealed-message.js';
import { canonicalSentTime } from './sent-time.js';
import { SIGNED_HEADERS, type SignedFields } from './signed-fields.js';

// A value no header can hold (headers are single lines), for a body field that has no header form.
const UNWRITABLE = '\n';

function headerForm(write: () => string): string {
  try {
    return write();
  } catch (error) {
    // An absent or out-of-range sent time, a handling value outside the contract.
    if (error instanceof RangeError) return UNWRITABLE;
    throw error;
  }
}

/**
 * The signed header fields of a received message that differ from what its body says they must be
 * (the very fields its origin would have signed, as signedFieldsOf derives them), in signing order;
 * empty when all six agree. A body field with no header form (no sent time, an enum value outside
 * the contract) disagrees with any header. Receivers route and show by the headers and the body
 * alike, so a signed message whose two halves differ is refused, whoever signed it.
 */
export function headerMismatches<K extends MessageKind>(
  kind: K,
  message: MessageOf<K>,
  fields: SignedFields,
): (keyof SignedFields)[] {
  const expected: SignedFields = {
    id: message.id,
    type: kind,
    sender: message.sender,
    sent: headerForm(() => {
      if (message.sent === undefined) throw new RangeError('no sent time');
      return canonicalSentTime(timestampDate(message.sent));
    }),
    handling: headerForm(() => formatHandling('handling' in message ? message.handling : undefined)),
    correlation: correlationOf(message),
  };
  return SIGNED_HEADERS.map(([field]) => field).filter((field) => expected[field] !== fields[field]);
}
