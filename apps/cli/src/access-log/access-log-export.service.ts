import type { SignedAccessHead } from '#trust';
import { entryLine, headLine } from './access-log-file.js';
import { readAccessLogPages, type AccessLogSource } from './access-log-source.repository.js';

/** What an export wrote: how many entries, and the head that ends it. */
export interface AccessLogExported {
  entries: number;
  head: SignedAccessHead;
}

/**
 * Reads a node's whole access log, page by page, and hands `write` its JSON lines (access-log-file.ts):
 * every entry, then the head the node signed with the last page, which names the last entry. Throws
 * as readAccessLogPages does.
 */
export async function exportAccessLog(
  source: AccessLogSource,
  write: (text: string) => Promise<void>,
): Promise<AccessLogExported> {
  let entries = 0;
  let head: SignedAccessHead | undefined;
  for await (const page of readAccessLogPages(source)) {
    await write(page.entries.map(entryLine).join(''));
    entries += page.entries.length;
    head = page.head;
  }
  // readAccessLogPages yields at least one page, or throws.
  await write(headLine(head!));
  return { entries, head: head! };
}
