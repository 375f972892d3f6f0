// NATS header names of the wire contract (docs/protocol.md). Changing one breaks every partner.

/** JetStream de-duplication id: the message id on ingress, `<id>:<recipient>` on delivery. */
export const HEADER_MSG_ID = 'Nats-Msg-Id';
/** The message id chosen by the origin node; signed. */
export const HEADER_ID = 'Bl-Id';
/** The message kind (`alert`, `notice`, …); signed. */
export const HEADER_TYPE = 'Bl-Type';
/** The origin node id; signed. */
export const HEADER_SENDER = 'Bl-Sender';
/** The send time, RFC 3339 UTC with milliseconds; signed. */
export const HEADER_SENT = 'Bl-Sent';
/** The handling label, e.g. `TLP:AMBER;H2`; signed. */
export const HEADER_HANDLING = 'Bl-Handling';
/** Correlation / thread id, empty when none; signed. */
export const HEADER_CORRELATION = 'Bl-Correlation';
/** Public nkey of the key that signed, so a rotated key can be chosen without trial. */
export const HEADER_KEY = 'Bl-Key';
/** Base64url Ed25519 signature over the canonical signing bytes. */
export const HEADER_SIGNATURE = 'Bl-Signature';
/** Set by the hub on delivery: the recipient node id. Not signed by the origin. */
export const HEADER_RECIPIENT = 'Bl-Recipient';
/**
 * Set by the hub on every copy it delivers: its signed statement of the recipients of the message and
 * of the audit entry recording the decision (docs/protocol.md §5.1). Not signed by the origin.
 */
export const HEADER_STATEMENT = 'Bl-Statement';
