import { readVerifiedChain, type AuditChainSource, type WitnessReading } from '#operations';
import type { AuditChainSummary } from '#trust';

/** The report of a chain that verified, and of the witnesses it was proved against. */
export function formatVerifiedChain(
  stream: string,
  summary: AuditChainSummary,
  witnesses: WitnessReading = { nodes: [], witnesses: [], refused: [] },
): string {
  const lines: string[] = [];
  if (summary.entries === 0) {
    lines.push(`audit chain OK: ${stream} is empty`);
  } else {
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
    lines.push(
      `audit chain OK: ${summary.entries} entries (${range}) in ${stream}, ` +
        `${summary.checkpoints} signed checkpoints, ${signed}`,
      `  ${events}`,
    );
    if (summary.rollover !== undefined) {
      lines.push(`  the chain starts with the hub's signed rollover at entry ${summary.rollover}`);
    }
  }
  if (witnesses.nodes.length > 0) {
    lines.push(
      `  witnessed by ${witnesses.nodes.join(', ')}: ${summary.witnessed} hub-signed records match the chain`,
    );
  }
  for (const { node, what, reason } of witnesses.refused) {
    lines.push(`  ignored: ${node}'s ${what} is not signed by a hub key valid at its time (${reason})`);
  }
  return lines.map((line) => `${line}\n`).join('');
}

/**
 * Verifies the whole chain: every entry's hash, every link, each entry at its stream sequence, every
 * checkpoint's signature by a hub key valid at its time, no entry cut from its end; and, given nodes'
 * witnesses, every entry they hold hub-signed evidence of. Returns the report; throws
 * AuditChainBrokenError naming the first break.
 */
export async function verifyAuditChain(source: AuditChainSource): Promise<string> {
  const { summary, witnesses } = await readVerifiedChain(source);
  return formatVerifiedChain(source.stream, summary, witnesses);
}
