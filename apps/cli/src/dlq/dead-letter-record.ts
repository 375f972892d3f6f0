import { DEAD_LETTER_HEADERS } from '#messaging';

/** One dead-letter record as stored in BL_DLQ, read back. */
export interface DeadLetterRecord {
  /** Its sequence in the dead-letter stream: what `show`, `replay` and `drop` take. */
  seq: number;
  /** When it was stored. */
  time: Date;
  stream: string;
  consumer: string;
  /** Where the original was published; undefined when the record holds an advisory instead. */
  subject: string | undefined;
  /** The original's sequence in its stream. */
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
 * The `Nats-Msg-Id` of a replay of record `seq`: replaying one record twice stores it once, while
 * the original's own id (still within the stream's duplicate window) would be refused as a duplicate.
 */
export function replayMsgId(seq: number): string {
  return `replay:${seq}`;
}

/** Which records a command applies to; absent fields match everything (case-insensitive). */
export interface DeadLetterFilter {
  stream?: string;
  consumer?: string;
}

export function matchesFilter(record: DeadLetterRecord, filter: DeadLetterFilter): boolean {
  const same = (a: string, b: string | undefined): boolean =>
    b === undefined || a.toLowerCase() === b.toLowerCase();
  return same(record.stream, filter.stream) && same(record.consumer, filter.consumer);
}
