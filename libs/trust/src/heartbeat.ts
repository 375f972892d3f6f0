import { timestampDate } from '@bufbuild/protobuf/wkt';
import {
  DecodeError,
  HEADER_KEY,
  HEADER_SIGNATURE,
  HEARTBEAT_TYPE,
  HeartbeatApp,
  decodeHeartbeat,
  encodeHeartbeat,
  heartbeatSubject,
  parseHeartbeatSubject,
  validateHeartbeat,
  type Heartbeat,
  type ValidationContext,
  type Violation,
} from '#contracts';
import { readSignedFields, sealHeaders } from './envelope.js';
import type { HubKeys } from './hub-keys.js';
import type { NodeSigner } from './node-signer.js';
import { canonicalSentTime } from './sent-time.js';
import type { SignedFields } from './signed-fields.js';
import { EnvelopeError } from './trust.errors.js';

const isHeartbeatType = (type: string): boolean => type === HEARTBEAT_TYPE;

/** A heartbeat encoded and signed by its sender: where it goes, its body and its `Bl-*` headers. */
export interface SealedHeartbeat {
  subject: string;
  body: Uint8Array;
  headers: Record<string, string>;
}

/** Why a received heartbeat was not believed. */
export type HeartbeatRefusal =
  /** Not `bl.hb.<sender>`. */
  | 'subject'
  /** A signed header missing or malformed, or `Bl-Type` other than `heartbeat`. */
  | 'envelope'
  /** `Bl-Sender` or the body's sender is not the subject's. */
  | 'sender-mismatch'
  /** No key of the sender, valid at the signed time, signed it. */
  | 'signature'
  /** The body is not a Heartbeat. */
  | 'malformed'
  /** A signed header differs from the body it restates. */
  | 'header-mismatch'
  /** Sent too far in the future or the past. */
  | 'stale'
  /** Breaks another rule of protocol 1.3, or claims an app the registry does not give its sender. */
  | 'invalid';

/** A heartbeat refused for `reason`; `violations` name the broken rules of `stale` and `invalid`. */
export class HeartbeatError extends Error {
  override readonly name = 'HeartbeatError';

  constructor(
    readonly reason: HeartbeatRefusal,
    message: string,
    readonly violations: readonly Violation[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A heartbeat whose signature and rules held, with the registered key that signed it. */
export interface VerifiedHeartbeat {
  heartbeat: Heartbeat;
  key: string;
}

/** The `Bl-Sent` form of the body's sent time; undefined when it has none (absent, out of range). */
function sentText(heartbeat: Heartbeat): string | undefined {
  if (heartbeat.sent === undefined) return undefined;
  try {
    return canonicalSentTime(timestampDate(heartbeat.sent));
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

function heartbeatFields(heartbeat: Heartbeat): SignedFields {
  if (heartbeat.sent === undefined) throw new RangeError(`heartbeat ${heartbeat.id} has no sent time`);
  return {
    id: heartbeat.id,
    type: HEARTBEAT_TYPE,
    sender: heartbeat.sender,
    sent: canonicalSentTime(timestampDate(heartbeat.sent)),
    handling: '',
    correlation: '',
  };
}

/**
 * Encodes and signs `heartbeat` as its sender, for `bl.hb.<sender>`: the same envelope and signed
 * bytes as every message (docs/protocol.md, section 5), `Bl-Type: heartbeat`, no handling or
 * correlation.
 * @throws EncodeError past the body limit; EnvelopeError or RangeError for an unsignable field.
 */
export function sealHeartbeat(signer: NodeSigner, heartbeat: Heartbeat): SealedHeartbeat {
  const body = encodeHeartbeat(heartbeat);
  const headers = sealHeaders(signer, heartbeatFields(heartbeat), body, isHeartbeatType);
  return { subject: heartbeatSubject(heartbeat.sender), body, headers };
}

/** Whether the app a heartbeat claims is its sender's kind in the registry (hubs and nodes). */
function appMatches(app: HeartbeatApp, isHub: boolean): boolean {
  return isHub ? app === HeartbeatApp.HUB : app === HeartbeatApp.NODE;
}

function readFields(header: (name: string) => string | undefined): SignedFields {
  try {
    return readSignedFields(header, isHeartbeatType);
  } catch (error) {
    if (error instanceof EnvelopeError)
      throw new HeartbeatError('envelope', error.message, [], { cause: error });
    throw error;
  }
}

function decode(body: Uint8Array): Heartbeat {
  try {
    return decodeHeartbeat(body);
  } catch (error) {
    if (error instanceof DecodeError)
      throw new HeartbeatError('malformed', error.message, [], { cause: error });
    throw error;
  }
}

/**
 * Reads and believes a heartbeat received on `subject`, or says why not: the subject names the
 * sender, the envelope is a heartbeat's, one of the sender's registered keys (valid at the signed
 * time) signed it, the body decodes, agrees with the signed headers and keeps the rules of protocol
 * 1.3 against `context` (its clock and registry), and claims the app its sender is (`hub` for the
 * registry's hubs, else `node`).
 * @throws HeartbeatError with the refusal's reason; nothing else for anything a message can carry.
 */
export function openHeartbeat(
  subject: string,
  header: (name: string) => string | undefined,
  body: Uint8Array,
  keys: HubKeys,
  context: ValidationContext,
): VerifiedHeartbeat {
  const owner = parseHeartbeatSubject(subject);
  if (owner === undefined) throw new HeartbeatError('subject', `not a heartbeat subject: ${subject}`);
  const fields = readFields(header);
  if (fields.sender !== owner)
    throw new HeartbeatError(
      'sender-mismatch',
      `Bl-Sender ${fields.sender} on the heartbeat subject of ${owner}`,
    );
  const verification = keys.signatures.verify(fields, body, header(HEADER_SIGNATURE), header(HEADER_KEY));
  if (!verification.ok)
    throw new HeartbeatError('signature', `heartbeat of ${owner} refused: ${verification.reason}`);
  const heartbeat = decode(body);
  if (heartbeat.sender !== owner)
    throw new HeartbeatError('sender-mismatch', `heartbeat body of ${heartbeat.sender} signed by ${owner}`);
  if (heartbeat.id !== fields.id || sentText(heartbeat) !== fields.sent)
    throw new HeartbeatError(
      'header-mismatch',
      `heartbeat ${fields.id}: Bl-Id or Bl-Sent differs from the body`,
    );
  if (fields.handling !== '' || fields.correlation !== '')
    throw new HeartbeatError('header-mismatch', `heartbeat ${fields.id} carries a handling or correlation`);
  const violations = validateHeartbeat(heartbeat, context);
  if (violations.length > 0) {
    const stale = violations.every((violation) => violation.field === 'sent');
    const listed = violations.map(({ field, reason }) => `${field} ${reason}`).join('; ');
    throw new HeartbeatError(stale ? 'stale' : 'invalid', `heartbeat ${heartbeat.id}: ${listed}`, violations);
  }
  if (!appMatches(heartbeat.app, keys.isHub(owner)))
    throw new HeartbeatError(
      'invalid',
      `heartbeat ${heartbeat.id}: app ${HeartbeatApp[heartbeat.app]} is not ${owner}'s`,
    );
  return { heartbeat, key: verification.key };
}
