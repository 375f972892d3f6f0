import { readFile } from 'node:fs/promises';
import type { AlertInput, NoticeInput } from '#client';
import { UsageError } from '../cli.errors.js';

/** A message file to send: an alert, or a notice when its `kind` names one (`NOTICE_KIND_…`). */
export type MessageFile =
  { file: string; type: 'alert'; body: AlertInput } | { file: string; type: 'notice'; body: NoticeInput };

/** Reads `file` (the protobuf JSON mapping, as docs/examples/alert.json and notice.json). */
export async function readMessageFile(file: string): Promise<MessageFile> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`, {
      cause: error,
    });
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${file} is not JSON: ${(error as Error).message.replace(/\s+/g, ' ')}`, {
      cause: error,
    });
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new UsageError(
      `${file} holds no alert or notice: expected one JSON object (see docs/examples/alert.json)`,
    );
  }
  const kind = (body as { kind?: unknown }).kind;
  return typeof kind === 'string' && kind.startsWith('NOTICE_KIND_')
    ? { file, type: 'notice', body: body as NoticeInput }
    : { file, type: 'alert', body: body as AlertInput };
}
