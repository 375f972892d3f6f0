import { createHash } from 'node:crypto';
import { parseDeadLetterSubject } from '#contracts';
import { DEAD_LETTER_HEADERS } from '#messaging';

/**
 * One dead-letter record as stored in BL_DLQ, read back. Only `filedOn` (and so `filedBy`) is the
 * server's word: everything else is what the filer wrote, to be checked against the source stream
 * (dead-letter-check.ts) before anything is believed or replayed.
 */
export interface DeadLetterRecord {
  /** Its sequence in the dead-letter stream: what `show`, `replay` and `drop` take. */
  seq: number;
  /** When it was stored. */
  time: Date;
  /** The subject it was stored on, `bl.dlq.<stream>.<consumer>`: only that consumer's owner may publish there. */
  filedOn: string;
  /** The stream and consumer tokens of `filedOn` (lowercase); undefined when it is no dead-letter subject. */
  filedBy: { stream: string; consumer: string } | undefined;
  /** The stream the filer says the message came from (`Bl-Dlq-Stream`). */
  stream: string;
  /** The consumer the filer says gave up on it (`Bl-Dlq-Consumer`). */
  consumer: string;
  /** Where the filer says the original was published; undefined when the record holds an advisory instead. */
  subject: string | undefined;
  /** The original's sequence in its stream, as the filer says. */
  sourceSequence: number | undefined;
  /** The original's `Nats-Msg-Id`, if it had one. */
  msgId: string | undefined;
  deliveries: number | undefined;
  reason: string;
  /** Every header of the record, the dead-letter ones included. */
  headers: Record<string, string[]>;
  body: Uint8Array;
}

/** A stored message of the dead-letter stream, as the client hands it over. */
export interface StoredRecord {
  seq: number;
  time: Date;
  subject: string;
  headers: Iterable<[string, string[]]> | undefined;
  data: Uint8Array;
}

const RECORD_HEADER_PREFIX = 'bl-dlq-';
// Headers the server interprets when storing (the record's own dedupe id among them).
const SERVER_HEADER_PREFIX = 'nats-';

function count(text: string | undefined): number | undefined {
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

/** Reads the dead-letter headers of a stored record. */
export function toDeadLetterRecord(stored: StoredRecord): DeadLetterRecord {
  const headers: Record<string, string[]> = {};
  for (const [name, values] of stored.headers ?? []) headers[name] = [...values];
  const first = (name: string): string | undefined => headers[name]?.[0];
  return {
    seq: stored.seq,
    time: stored.time,
    filedOn: stored.subject,
    filedBy: parseDeadLetterSubject(stored.subject),
    stream: first(DEAD_LETTER_HEADERS.stream) ?? '',
    consumer: first(DEAD_LETTER_HEADERS.consumer) ?? '',
    subject: first(DEAD_LETTER_HEADERS.subject),
    sourceSequence: count(first(DEAD_LETTER_HEADERS.sequence)),
    msgId: first(DEAD_LETTER_HEADERS.msgId),
    deliveries: count(first(DEAD_LETTER_HEADERS.deliveries)),
    reason: first(DEAD_LETTER_HEADERS.reason) ?? '',
    headers,
    body: stored.data,
  };
}

/** The headers the original message carried: the record's own and the server's taken away. */
export function originalHeaders(record: DeadLetterRecord): Record<string, string[]> {
  return Object.fromEntries(
    Object.entries(record.headers).filter(([name]) => {
      const lower = name.toLowerCase();
      return !lower.startsWith(RECORD_HEADER_PREFIX) && !lower.startsWith(SERVER_HEADER_PREFIX);
    }),
  );
}

/**
 * The `Nats-Msg-Id` of a replay of `record`: `replay:<seq>:<tag>`, the tag derived from the record's
 * own id (keyed by its filer's secret), so replaying one record twice stores it once while nobody who
 * may publish into the original's stream (a node, on ingress) can compute it and store it first. The
 * original's own id, still within the stream's duplicate window, would be refused as a duplicate.
 */
export function replayMsgId(record: Pick<DeadLetterRecord, 'seq' | 'headers'>): string {
  const recordId = Object.entries(record.headers).find(
    ([name]) => name.toLowerCase() === 'nats-msg-id',
  )?.[1][0];
  if (recordId === undefined) return `replay:${record.seq}`;
  const tag = createHash('sha256').update(recordId).digest().subarray(0, 16).toString('base64url');
  return `replay:${record.seq}:${tag}`;
}

/**
 * Which records a command applies to, by the stream and consumer they were filed for (their subject,
 * never their headers); absent fields match everything (case-insensitive).
 */
export interface DeadLetterFilter {
  stream?: string;
  consumer?: string;
}

export function matchesFilter(record: DeadLetterRecord, filter: DeadLetterFilter): boolean {
  const same = (token: string | undefined, wanted: string | undefined): boolean =>
    wanted === undefined || token === wanted.toLowerCase();
  return same(record.filedBy?.stream, filter.stream) && same(record.filedBy?.consumer, filter.consumer);
}
