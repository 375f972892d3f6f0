import type { AuditChainSummary } from '#trust';
import { readVerifiedChain, type AuditChainSource } from './verified-chain.js';

/** The report of a chain that verified. */
export function formatVerifiedChain(stream: string, summary: AuditChainSummary): string {
  if (summary.entries === 0) return `audit chain OK: ${stream} is empty\n`;
  const range = `${summary.first} to ${summary.head?.sequence}`;
  const events = Object.entries(summary.events)
    .map(([event, count]) => `${event} ${count}`)
    .join(', ');
  const unsigned = summary.head!.sequence - (summary.lastCheckpoint ?? 0n);
  const signed =
    summary.lastCheckpoint === undefined
      ? 'no signed checkpoint yet'
      : `signed up to entry ${summary.lastCheckpoint}` +
        (unsigned > 0n ? `; ${unsigned} later entries await the next checkpoint` : '');
  return (
    `audit chain OK: ${summary.entries} entries (${range}) in ${stream}, ` +
    `${summary.checkpoints} signed checkpoints, ${signed}\n  ${events}\n`
  );
}

/**
 * Verifies the whole chain: every entry's hash, every link, no gap in the sequence, every checkpoint's
 * signature. Returns the report; throws AuditChainBrokenError naming the first broken entry.
 */
export async function verifyAuditChain(source: AuditChainSource): Promise<string> {
  return formatVerifiedChain(source.stream, await readVerifiedChain(source));
}
