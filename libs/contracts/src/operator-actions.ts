import { controlSubject, isSubjectToken } from './subjects.js';

// Part of the wire contract between operators' tools and the hub: changing a subject or a field needs
// both sides upgraded together.

/**
 * An operator's request that the hub record a decision in the audit chain: `bl.ctl.audit`, core NATS,
 * request and reply. Only the hub's account's users (the hub and operators) can reach it: no node's
 * account imports it.
 */
export const OPERATOR_AUDIT_SUBJECT = controlSubject('audit');

/**
 * Where the hub answers one request: `bl.ctl.audit-reply.<id>`. The hub may publish only on the
 * subjects it writes (`bl.ctl.>` among them), not on an inbox, so the requester names a reply subject
 * there.
 */
export function operatorAuditReplySubject(id: string): string {
  if (!isSubjectToken(id))
    throw new RangeError(`invalid reply id for a subject token: ${JSON.stringify(id)}`);
  return `${controlSubject('audit-reply')}.${id}`;
}

/** What an operator decided about a dead letter: publish its message again, or delete it for good. */
export type DeadLetterAction = 'replay' | 'drop';

/** The body of a request on `bl.ctl.audit`, JSON: a decision about one dead-letter record. */
export interface DeadLetterDecision {
  action: DeadLetterAction;
  /** Who decided: the person's name as the operator's tool authenticated them. */
  operator: string;
  /** The record's sequence in the dead-letter stream. */
  deadLetter: number;
  /** The stream and consumer the record was filed for (its subject's tokens). */
  stream: string;
  consumer: string;
  /** The original message's sequence in its stream, its subject and id, as far as the record names them. */
  sequence?: number;
  subject?: string;
  msgId?: string;
  /** Why the consumer gave up on it, as the record says. */
  reason: string;
}

/** The hub's answer: where the decision's audit entry is, or why it was not recorded. */
export type OperatorAuditAnswer = { position: number } | { error: string };

/** A request on `bl.ctl.audit` that is not a decision the hub records. */
export class InvalidOperatorActionError extends Error {
  override readonly name = 'InvalidOperatorActionError';
}

const TEXT_LIMIT = 1_000;

function text(value: unknown, field: string, required: boolean): string | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string' || (required && value === '') || value.length > TEXT_LIMIT) {
    throw new InvalidOperatorActionError(`${field} must be a string of at most ${TEXT_LIMIT} characters`);
  }
  return value;
}

function positive(value: unknown, field: string, required: boolean): number | undefined {
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new InvalidOperatorActionError(`${field} must be a positive integer`);
  }
  return value;
}

/**
 * Reads and validates a decision from the bytes of a request.
 * @throws InvalidOperatorActionError naming the first field at fault.
 */
export function parseDeadLetterDecision(bytes: Uint8Array): DeadLetterDecision {
  let body: unknown;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw new InvalidOperatorActionError('not JSON', { cause: error });
  }
  if (typeof body !== 'object' || body === null) throw new InvalidOperatorActionError('not an object');
  const fields = body as Record<string, unknown>;
  if (fields.action !== 'replay' && fields.action !== 'drop') {
    throw new InvalidOperatorActionError('action must be replay or drop');
  }
  const sequence = positive(fields.sequence, 'sequence', false);
  const subject = text(fields.subject, 'subject', false);
  const msgId = text(fields.msgId, 'msgId', false);
  return {
    action: fields.action,
    operator: text(fields.operator, 'operator', true)!,
    deadLetter: positive(fields.deadLetter, 'deadLetter', true)!,
    stream: text(fields.stream, 'stream', true)!,
    consumer: text(fields.consumer, 'consumer', true)!,
    ...(sequence === undefined ? {} : { sequence }),
    ...(subject === undefined ? {} : { subject }),
    ...(msgId === undefined ? {} : { msgId }),
    reason: text(fields.reason, 'reason', false) ?? '',
  };
}
