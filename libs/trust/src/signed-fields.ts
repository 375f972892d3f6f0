import {
  HEADER_CORRELATION,
  HEADER_HANDLING,
  HEADER_ID,
  HEADER_SENDER,
  HEADER_SENT,
  HEADER_TYPE,
} from '#contracts';

/** The envelope fields the origin signs, in signing order; each travels in its own Bl-* header. */
export interface SignedFields {
  /** Message id chosen by the origin (`Bl-Id`). */
  id: string;
  /** Message kind, e.g. `alert` (`Bl-Type`). */
  type: string;
  /** Origin node id (`Bl-Sender`). */
  sender: string;
  /** Send time, RFC 3339 UTC with milliseconds (`Bl-Sent`), see canonicalSentTime. */
  sent: string;
  /** Handling label, empty when none (`Bl-Handling`), see formatHandling. */
  handling: string;
  /** Correlation / thread id, empty when none (`Bl-Correlation`). */
  correlation: string;
}

/** Each signed field with its header, in the order the signing bytes list them. */
export const SIGNED_HEADERS: readonly (readonly [keyof SignedFields, string])[] = [
  ['id', HEADER_ID],
  ['type', HEADER_TYPE],
  ['sender', HEADER_SENDER],
  ['sent', HEADER_SENT],
  ['handling', HEADER_HANDLING],
  ['correlation', HEADER_CORRELATION],
];
