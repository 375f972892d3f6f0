import { createHash } from 'node:crypto';
import { EnvelopeError } from './trust.errors.js';
import { SIGNED_HEADERS, type SignedFields } from './signed-fields.js';

/** First line of the signed text; a new layout gets a new version so old signatures never verify under it. */
export const SIGNATURE_DOMAIN = 'borderlink-sig-v1';

// CR and LF would let two field lists produce the same lines; an unpaired surrogate has no UTF-8 form
// (it would be replaced by U+FFFD, so two different strings would sign alike).
const UNSIGNABLE = /[\r\n]|\p{Cs}/u;

const utf8 = new TextEncoder();

/**
 * The exact bytes an origin signs (Ed25519) for one message.
 *
 * They are the UTF-8 encoding of these eight lines joined by a single LF (0x0A), with no trailing LF:
 *
 * ```text
 * borderlink-sig-v1
 * <id>            value of Bl-Id
 * <type>          value of Bl-Type
 * <sender>        value of Bl-Sender
 * <sent>          value of Bl-Sent
 * <handling>      value of Bl-Handling (empty line when none)
 * <correlation>   value of Bl-Correlation (empty line when none)
 * <body-sha256>   SHA-256 of the message body (the protobuf bytes as carried on NATS), 64 lowercase hex digits
 * ```
 *
 * Each value is taken exactly as carried in its header, without trimming or case folding. A value containing
 * CR (0x0D), LF (0x0A) or an unpaired UTF-16 surrogate is refused (EnvelopeError naming its header), so the
 * line structure is unambiguous. The signature is the 64-byte pure Ed25519 signature (RFC 8032, no pre-hash)
 * of these bytes by the sender's nkey, carried in `Bl-Signature` as base64url without padding (86 characters),
 * with the signer's public nkey (`U…`) in `Bl-Key`.
 */
export function signingBytes(fields: SignedFields, body: Uint8Array): Uint8Array {
  const lines = [SIGNATURE_DOMAIN];
  for (const [field, header] of SIGNED_HEADERS) {
    const value = fields[field];
    if (typeof value !== 'string') throw new EnvelopeError(header, `${header} must be a string`);
    if (UNSIGNABLE.test(value))
      throw new EnvelopeError(header, `${header} contains a line break or an unpaired surrogate`);
    lines.push(value);
  }
  lines.push(createHash('sha256').update(body).digest('hex'));
  return utf8.encode(lines.join('\n'));
}
