import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { AccessRecord, SignedAccessHead } from '#trust';
import { UsageError } from '../cli.errors.js';
import { AccessLogBrokenError } from './access-log.errors.js';

/**
 * One line of an exported access log, a JSON object: every entry in order (`type: "entry"`), then
 * the head the node signed (`type: "head"`), which ends the file.
 */
export type AccessLogLine = ({ type: 'entry' } & AccessRecord) | ({ type: 'head' } & SignedAccessHead);

const ENTRY_TEXT = ['at', 'principal', 'name', 'action', 'message', 'request', 'hash'] as const;
const HEAD_TEXT = ['node', 'at', 'hash', 'key', 'signature'] as const;

/** The JSON line of an entry, its fields in a fixed order and nothing else. */
export function entryLine(record: AccessRecord): string {
  const { sequence, at, principal, name, action, message, request, hash } = record;
  return `${JSON.stringify({ type: 'entry', sequence, at, principal, name, action, message, request, hash })}\n`;
}

/** The JSON line of the signed head. */
export function headLine(head: SignedAccessHead): string {
  const { node, at, sequence, hash, key, signature } = head;
  return `${JSON.stringify({ type: 'head', node, at, sequence, hash, key, signature })}\n`;
}

function lineOf(value: unknown): AccessLogLine | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const fields = value as Record<string, unknown>;
  if (typeof fields.sequence !== 'number' || !Number.isSafeInteger(fields.sequence) || fields.sequence < 0)
    return undefined;
  const texts = fields.type === 'entry' ? ENTRY_TEXT : fields.type === 'head' ? HEAD_TEXT : undefined;
  if (texts === undefined || texts.some((name) => typeof fields[name] !== 'string')) return undefined;
  return value as AccessLogLine;
}

/**
 * The lines of an exported access log, in order, each with its line number. Throws UsageError when
 * the file cannot be read, AccessLogBrokenError at the first line that is not an entry or a head.
 */
export async function* readAccessLogFile(
  file: string,
): AsyncGenerator<{ number: number; line: AccessLogLine }> {
  const input = createReadStream(file, 'utf8');
  let number = 0;
  try {
    for await (const text of createInterface({ input, crlfDelay: Infinity })) {
      number++;
      if (text.trim() === '') continue;
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        // Named below as a line that is not an entry.
      }
      const line = lineOf(parsed);
      if (line === undefined)
        throw new AccessLogBrokenError(`${file}:${number} is not an access log entry or head`);
      yield { number, line };
    }
  } catch (error) {
    if (error instanceof AccessLogBrokenError) throw error;
    throw new UsageError(`cannot read ${file}: ${String(error)}`, { cause: error });
  } finally {
    input.destroy();
  }
}
