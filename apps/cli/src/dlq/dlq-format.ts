import {
  originalHeaders,
  type CheckedDeadLetter,
  type ReplayAllOutcome,
  type ReplayOutcome,
} from '#operations';

// FILED BY and CHECK are the server's word; STREAM to REASON are what the filer wrote.
const COLUMNS = [
  'SEQ',
  'TIME',
  'FILED BY',
  'CHECK',
  'STREAM',
  'SOURCE SEQ',
  'SUBJECT',
  'MESSAGE ID',
  'DELIVERIES',
  'REASON',
];
// The table stays one line per record; `show` prints the whole problem and reason.
const MAX_REASON_IN_TABLE = 80;
const MAX_PROBLEM_IN_TABLE = 60;
const NONE = '-';
const VERIFIED = 'ok';

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Who filed the record: the consumer whose dead-letter subject it was stored on. */
function filedBy(record: CheckedDeadLetter): string {
  return record.filedBy?.consumer ?? NONE;
}

/** `ok`, or why the record does not hold up. */
function check(record: CheckedDeadLetter): string {
  return record.verdict.verified ? VERIFIED : `FAILED: ${record.verdict.problem}`;
}

function row(record: CheckedDeadLetter): string[] {
  return [
    String(record.seq),
    record.time.toISOString(),
    filedBy(record),
    clip(check(record), MAX_PROBLEM_IN_TABLE),
    record.stream || NONE,
    record.sourceSequence === undefined ? NONE : String(record.sourceSequence),
    record.subject ?? NONE,
    record.msgId ?? NONE,
    record.deliveries === undefined ? NONE : String(record.deliveries),
    clip(record.reason, MAX_REASON_IN_TABLE),
  ];
}

/** `dlq list`: one aligned line per record under a header line, or a sentence when there is none. */
export function formatDeadLetterTable(records: readonly CheckedDeadLetter[]): string {
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
export function recordSummary(record: CheckedDeadLetter): Record<string, unknown> {
  return {
    seq: record.seq,
    time: record.time.toISOString(),
    filedOn: record.filedOn,
    filedBy: record.filedBy?.consumer ?? null,
    verified: record.verdict.verified,
    problem: record.verdict.verified ? null : record.verdict.problem,
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
export function recordDetail(record: CheckedDeadLetter): Record<string, unknown> {
  const body = describeBody(record.body);
  return {
    ...recordSummary(record),
    headers: originalHeaders(record),
    body: body.text,
    bodyEncoding: body.encoding,
  };
}

/** `dlq show`: every field, the original headers, then the body. */
export function formatDeadLetter(record: CheckedDeadLetter): string {
  const fields: Array<[string, string]> = [
    ['time', record.time.toISOString()],
    ['filed on', record.filedOn],
    ['filed by', filedBy(record)],
    ['check', check(record)],
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
  return `replayed dead letter ${record.seq} onto ${outcome.subject} (${record.stream} seq ${outcome.storedSeq})${again}; record removed\n`;
}

/** `dlq replay --all`: each replay, each repeat and skipped record, and the totals. */
export function formatReplayAll(outcome: ReplayAllOutcome): string {
  const repeated = outcome.repeated.map(
    (record) => `removed dead letter ${record.seq}: its message was replayed in this run already\n`,
  );
  const skipped = outcome.skipped.map(
    (record) => `skipped dead letter ${record.seq}: ${check(record)} (inspect it, then drop it)\n`,
  );
  const { replayed } = outcome;
  return [
    ...replayed.map(formatReplay),
    ...repeated,
    ...skipped,
    `${replayed.length} replayed, ${outcome.repeated.length} repeated, ${outcome.skipped.length} skipped\n`,
  ].join('');
}
