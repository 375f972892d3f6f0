import { originalHeaders, type DeadLetterRecord } from './dead-letter-record.js';
import type { ReplayAllOutcome, ReplayOutcome } from './dlq.service.js';

const COLUMNS = ['SEQ', 'TIME', 'STREAM', 'CONSUMER', 'SUBJECT', 'MESSAGE ID', 'DELIVERIES', 'REASON'];
// The table stays one line per record; `show` prints the whole reason.
const MAX_REASON_IN_TABLE = 80;
const NONE = '-';

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

function row(record: DeadLetterRecord): string[] {
  return [
    String(record.seq),
    record.time.toISOString(),
    record.stream,
    record.consumer,
    record.subject ?? NONE,
    record.msgId ?? NONE,
    record.deliveries === undefined ? NONE : String(record.deliveries),
    clip(record.reason, MAX_REASON_IN_TABLE),
  ];
}

/** `dlq list`: one aligned line per record under a header line, or a sentence when there is none. */
export function formatDeadLetterTable(records: readonly DeadLetterRecord[]): string {
  if (records.length === 0) return 'no dead letters\n';
  const rows = [COLUMNS, ...records.map(row)];
  const widths = COLUMNS.map((_, column) => Math.max(...rows.map((cells) => cells[column]!.length)));
  return rows
    .map((cells) =>
      cells
        .map((cell, column) => cell.padEnd(widths[column]!))
        .join('  ')
        .trimEnd(),
    )
    .map((line) => `${line}\n`)
    .join('');
}

/** The body as text when it is UTF-8, else as base64 (protobuf envelopes are binary). */
export function describeBody(body: Uint8Array): { encoding: 'utf8' | 'base64'; text: string } {
  try {
    return { encoding: 'utf8', text: new TextDecoder('utf-8', { fatal: true }).decode(body) };
  } catch {
    return { encoding: 'base64', text: Buffer.from(body).toString('base64') };
  }
}

/** The fields of `dlq list --json`, one object per record. */
export function recordSummary(record: DeadLetterRecord): Record<string, unknown> {
  return {
    seq: record.seq,
    time: record.time.toISOString(),
    stream: record.stream,
    consumer: record.consumer,
    subject: record.subject ?? null,
    sourceSequence: record.sourceSequence ?? null,
    msgId: record.msgId ?? null,
    deliveries: record.deliveries ?? null,
    reason: record.reason,
  };
}

/** `dlq show --json`: the summary plus the original headers and the body. */
export function recordDetail(record: DeadLetterRecord): Record<string, unknown> {
  const body = describeBody(record.body);
  return {
    ...recordSummary(record),
    headers: originalHeaders(record),
    body: body.text,
    bodyEncoding: body.encoding,
  };
}

/** `dlq show`: every field, the original headers, then the body. */
export function formatDeadLetter(record: DeadLetterRecord): string {
  const fields: Array<[string, string]> = [
    ['time', record.time.toISOString()],
    ['stream', record.stream],
    ['consumer', record.consumer],
    ['subject', record.subject ?? `${NONE} (no original: the body is the server's advisory)`],
    ['stream seq', record.sourceSequence === undefined ? NONE : String(record.sourceSequence)],
    ['message id', record.msgId ?? NONE],
    ['deliveries', record.deliveries === undefined ? NONE : String(record.deliveries)],
    ['reason', record.reason],
  ];
  const headers = Object.entries(originalHeaders(record)).flatMap(([name, values]) =>
    values.map((value) => `  ${name}: ${value}`),
  );
  const body = describeBody(record.body);
  return [
    `dead letter ${record.seq}`,
    ...fields.map(([name, value]) => `  ${name.padEnd(10)}  ${value}`),
    `headers${headers.length === 0 ? ' (none)' : ''}`,
    ...headers,
    `body (${record.body.length} bytes${body.encoding === 'base64' ? ', base64' : ''})`,
    body.text,
    '',
  ].join('\n');
}

/** One line per replayed record: where it went. */
export function formatReplay(outcome: ReplayOutcome): string {
  const { record } = outcome;
  const again = outcome.alreadyStored ? ' (already stored by an earlier replay)' : '';
  return `replayed dead letter ${record.seq} onto ${record.subject} (${record.stream} seq ${outcome.storedSeq})${again}; record removed\n`;
}

/** `dlq replay --all`: each replay, each skipped record, and the totals. */
export function formatReplayAll(outcome: ReplayAllOutcome): string {
  const skipped = outcome.skipped.map(
    (record) => `skipped dead letter ${record.seq}: no original message (drop it after inspection)\n`,
  );
  return [
    ...outcome.replayed.map(formatReplay),
    ...skipped,
    `${outcome.replayed.length} replayed, ${outcome.skipped.length} skipped\n`,
  ].join('');
}
