import { HEADER_KEY, HEADER_SIGNATURE, isMessageId, isMessageKind, isSubjectToken } from '#contracts';
import { EnvelopeError } from './trust.errors.js';
import { isHandlingLabel } from './handling-label.js';
import type { NodeSigner } from './node-signer.js';
import { isCanonicalSentTime } from './sent-time.js';
import { SIGNED_HEADERS, type SignedFields } from './signed-fields.js';

const RULES: Record<keyof SignedFields, { valid(value: string): boolean; expected: string }> = {
  id: { valid: isMessageId, expected: '1-128 letters, digits, "_" or "-"' },
  type: { valid: isMessageKind, expected: 'a message kind such as "alert"' },
  sender: { valid: isSubjectToken, expected: 'a node id (lowercase subject token)' },
  sent: { valid: isCanonicalSentTime, expected: 'RFC 3339 UTC with milliseconds, YYYY-MM-DDTHH:mm:ss.sssZ' },
  handling: {
    valid: isHandlingLabel,
    expected: 'a handling label such as "TLP:AMBER;H2;PAP:GREEN", or empty',
  },
  correlation: { valid: (v) => v === '' || isMessageId(v), expected: 'a message id, or empty' },
};

// Absent and empty mean the same for these; some clients drop headers with empty values.
const OPTIONAL = new Set<keyof SignedFields>(['handling', 'correlation']);

/** Which `Bl-Type` values an envelope may carry: the message kinds, unless a reader says otherwise. */
export type TypeRule = (type: string) => boolean;

function checkField(
  field: keyof SignedFields,
  header: string,
  value: string | undefined,
  isType: TypeRule,
): string {
  if (value === undefined) {
    if (OPTIONAL.has(field)) return '';
    throw new EnvelopeError(header, `missing header ${header}`);
  }
  const rule = RULES[field];
  const valid = field === 'type' ? isType(value) : rule.valid(value);
  if (!valid) throw new EnvelopeError(header, `malformed ${header}: expected ${rule.expected}`);
  return value;
}

/**
 * The signed fields of a received message, read from its headers and checked for form (not for truth:
 * whether the sender exists and signed them is SignatureVerifier's question). Absent `Bl-Handling` and
 * `Bl-Correlation` read as empty. Throws EnvelopeError naming the first missing or malformed header.
 */
export function readSignedFields(
  header: (name: string) => string | undefined,
  isType: TypeRule = isMessageKind,
): SignedFields {
  const fields = {} as SignedFields;
  for (const [field, name] of SIGNED_HEADERS) fields[field] = checkField(field, name, header(name), isType);
  return fields;
}

/**
 * The Bl-* headers of an outgoing message: the six signed fields, `Bl-Key` (the signer's public nkey) and
 * `Bl-Signature` (base64url, no padding). `Nats-Msg-Id` is the publisher's to set. Throws EnvelopeError
 * when a field would not pass readSignedFields, so nothing malformed is ever signed.
 */
export function sealHeaders(
  signer: NodeSigner,
  fields: SignedFields,
  body: Uint8Array,
  isType: TypeRule = isMessageKind,
): Record<string, string> {
  const headers: Record<string, string> = {};
  const sealed = {} as SignedFields;
  for (const [field, name] of SIGNED_HEADERS) {
    sealed[field] = checkField(field, name, fields[field], isType);
    headers[name] = sealed[field];
  }
  headers[HEADER_KEY] = signer.publicKey;
  headers[HEADER_SIGNATURE] = signer.sign(sealed, body);
  return headers;
}
