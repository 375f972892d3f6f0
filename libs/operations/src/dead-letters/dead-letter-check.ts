import { STREAM_AUDIT, STREAM_DEAD_LETTER, STREAM_GROUPS, STREAM_SUBSCRIPTIONS } from '#contracts';
import type { DeadLetterRecord } from './dead-letter-record.js';

/** A consumer as the server describes it: what it reads, and how far it has been delivered. */
export interface ConsumerState {
  /** Its filter subjects; empty when it reads the whole stream. */
  filters: string[];
  /** The stream sequence of the last message delivered to it. */
  delivered: number;
  /** The first stream sequence it could deliver, when it started at a given one. */
  startSequence?: number;
}

/** A message as its stream holds it. */
export interface SourceMessage {
  subject: string;
  headers: Record<string, string[]>;
  body: Uint8Array;
}

/** What the check reads from the server: the evidence, never the record's own word. */
export interface DeadLetterEvidence {
  /** The consumer `name` of `stream`; undefined when it (or the stream) does not exist. */
  consumer(stream: string, name: string): Promise<ConsumerState | undefined>;
  /** The message at `sequence` of `stream`; undefined when it (or the stream) is gone. */
  message(stream: string, sequence: number): Promise<SourceMessage | undefined>;
}

/** A record that holds up: the message it names, read from its stream, is what a replay publishes. */
export interface VerifiedDeadLetter {
  verified: true;
  stream: string;
  consumer: string;
  sequence: number;
  original: SourceMessage;
}

/** A record that does not hold up, and why: it is listed as such, and never replayed. */
export interface UnverifiedDeadLetter {
  verified: false;
  problem: string;
}

export type DeadLetterVerdict = VerifiedDeadLetter | UnverifiedDeadLetter;

/**
 * Streams nothing is ever replayed into, whoever filed the record: group state (one message per
 * subject, the last wins), the audit chain, and the dead letters themselves.
 */
export const NEVER_REPLAYED: ReadonlySet<string> = new Set([
  STREAM_GROUPS,
  STREAM_SUBSCRIPTIONS,
  STREAM_AUDIT,
  STREAM_DEAD_LETTER,
]);

/** True when `subject` is one a NATS filter subject (`*` one token, `>` one or more) selects. */
export function subjectMatches(filter: string, subject: string): boolean {
  const wanted = filter.split('.');
  const tokens = subject.split('.');
  for (const [i, token] of wanted.entries()) {
    if (token === '>') return tokens.length > i;
    if (i >= tokens.length || (token !== '*' && token !== tokens[i])) return false;
  }
  return wanted.length === tokens.length;
}

const unverified = (problem: string): UnverifiedDeadLetter => ({ verified: false, problem });

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/**
 * Checks a record against what the server recorded, trusting only the subject it was stored on
 * (only the consumer's owner may publish there): the stream and consumer it names must be that
 * subject's; the stream must be one replays may go into; the consumer must exist, have been
 * delivered the sequence the record names, and that message must still be in the stream, within
 * the consumer's filter, with the subject and body the record claims.
 */
export async function checkDeadLetter(
  record: DeadLetterRecord,
  evidence: DeadLetterEvidence,
): Promise<DeadLetterVerdict> {
  const { filedBy, stream, consumer, sourceSequence: sequence } = record;
  if (filedBy === undefined) return unverified(`stored on ${record.filedOn}, not a dead-letter subject`);
  if (stream.toLowerCase() !== filedBy.stream || consumer.toLowerCase() !== filedBy.consumer) {
    return unverified(
      `claims ${stream || '?'}/${consumer || '?'} but was filed for ${filedBy.stream}/${filedBy.consumer}`,
    );
  }
  if (NEVER_REPLAYED.has(stream)) return unverified(`names ${stream}, which is never replayed into`);
  if (sequence === undefined) return unverified('names no stream sequence');
  const state = await evidence.consumer(stream, consumer);
  if (state === undefined) {
    return unverified(
      `consumer ${consumer} of ${stream} does not exist: whether it held the message is unknown`,
    );
  }
  if (sequence > state.delivered || sequence < (state.startSequence ?? 1)) {
    return unverified(`${stream} seq ${sequence} was never delivered to ${consumer}`);
  }
  const original = await evidence.message(stream, sequence);
  if (original === undefined) return unverified(`${stream} seq ${sequence} is no longer in the stream`);
  if (state.filters.length > 0 && !state.filters.some((filter) => subjectMatches(filter, original.subject))) {
    return unverified(`${stream} seq ${sequence} (${original.subject}) is outside the filter of ${consumer}`);
  }
  if (record.subject !== original.subject || !sameBytes(record.body, original.body)) {
    return unverified(`differs from ${stream} seq ${sequence}, the message it names`);
  }
  return { verified: true, stream, consumer, sequence, original };
}
