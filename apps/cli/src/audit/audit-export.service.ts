import { toJson, type JsonValue } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, AuditEvent, type AuditEntry } from '#contracts';
import { auditContentDigest } from '#trust';
import { readVerifiedChain, type AuditChainSource, type VerifiedAuditEntry } from '#operations';

/** Which entries to export: those concerning `node` recorded between `from` and `to` (inclusive). */
export type AuditExportOptions = AuditChainSource & {
  node: string;
  from: Date;
  to: Date;
};

/** The JSON lines of an export and how many entries they hold. */
export interface AuditExport {
  lines: string[];
  entries: number;
}

/** An exported entry waiting for the next checkpoint to complete its proof. */
interface PendingEntry {
  verified: VerifiedAuditEntry;
  /** Index of its own content digest in the digests collected since the oldest pending entry. */
  index: number;
}

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function concerns(entry: AuditEntry, options: AuditExportOptions): boolean {
  if (entry.event === AuditEvent.CHECKPOINT || entry.at === undefined) return false;
  const at = timestampDate(entry.at).getTime();
  return (
    at >= options.from.getTime() &&
    at <= options.to.getTime() &&
    (entry.origin === options.node || entry.recipients.includes(options.node))
  );
}

function storedJson({ streamSequence, bytes, entry }: VerifiedAuditEntry): Record<string, JsonValue> {
  return {
    streamSequence,
    entry: toJson(AuditEntrySchema, entry),
    bytes: Buffer.from(bytes).toString('base64'),
  };
}

/**
 * The entries concerning one node, as JSON lines an oversight body can check without seeing anyone
 * else's entries: each `entry` line carries the stored bytes and a proof, the content digests of the
 * entries after it; folding them into its hash (hash = SHA-256(hash || digest)) gives the
 * `previous_hash` of the `checkpoint` line that follows, whose signature the registry's hub key verifies.
 * Entries after the last checkpoint prove up to the chain head named in the final `head` line.
 * The whole chain is verified first: throws AuditChainBrokenError when it is broken.
 */
export async function exportAuditEntries(options: AuditExportOptions): Promise<AuditExport> {
  const lines: string[] = [];
  let pending: PendingEntry[] = [];
  let digests: Uint8Array[] = [];
  let entries = 0;
  const emit = (line: Record<string, JsonValue>) => lines.push(JSON.stringify(line));
  const settle = (anchor: Record<string, JsonValue>) => {
    for (const { verified, index } of pending) {
      emit({
        type: 'entry',
        ...storedJson(verified),
        proof: { digests: digests.slice(index + 1).map(hex), ...anchor },
      });
    }
    entries += pending.length;
    pending = [];
    digests = [];
  };

  const { summary } = await readVerifiedChain(options, (verified) => {
    const { entry } = verified;
    if (entry.event === AuditEvent.CHECKPOINT) {
      if (pending.length === 0) return;
      settle({ checkpoint: String(entry.sequence) });
      emit({ type: 'checkpoint', ...storedJson(verified) });
      return;
    }
    const wanted = concerns(entry, options);
    if (pending.length > 0 || wanted) digests.push(auditContentDigest(entry));
    if (wanted) pending.push({ verified, index: digests.length - 1 });
  });
  if (summary.head !== undefined) {
    settle({ head: String(summary.head.sequence) });
    emit({ type: 'head', sequence: String(summary.head.sequence), hash: hex(summary.head.hash) });
  }
  return { lines, entries };
}
