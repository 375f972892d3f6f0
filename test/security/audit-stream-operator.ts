// What a malicious hub operator can do to the audit stream with the server's operator rights and the
// hub's own key: read it, delete its last entries, purge it, delete it and create it again, append
// entries, and write a whole chain again with every hash and checkpoint made anew.
import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  jetstream,
  jetstreamManager,
  type JetStreamClient,
  type JetStreamManager,
  type StreamConfig,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { AuditEntrySchema, AuditEvent, STREAM_AUDIT, auditSubject, type AuditEntry } from '#contracts';
import {
  chainAuditEntry,
  signCheckpoint,
  signRollover,
  startAuditChain,
  type AuditChainHead,
  type NodeSigner,
} from '#trust';

/** One entry as the stream holds it. */
export interface StoredEntry {
  seq: number;
  subject: string;
  data: Uint8Array;
  entry: AuditEntry;
}

/** `bl.audit.<event>` of an entry, as the hub writes it. */
export function subjectOf(entry: AuditEntry): string {
  return auditSubject(AuditEvent[entry.event]!.toLowerCase().replaceAll('_', '-'));
}

/** The entry's content without its place in a chain: what is chained (and signed) again. */
function unplaced(entry: AuditEntry): AuditEntry {
  const copy = create(AuditEntrySchema, entry);
  copy.sequence = 0n;
  copy.previousHash = new Uint8Array(0);
  copy.hash = new Uint8Array(0);
  copy.key = '';
  copy.signature = '';
  return copy;
}

export interface Rewrite {
  /** Changes an entry's content (the history the operator wants told). */
  edit?: (entry: AuditEntry) => void;
  /** Chain position of the first entry; 1 by default. */
  start?: bigint;
  /** Start with a rollover signed by the hub's key, as the hub does after a purge. */
  rollover?: boolean;
}

/**
 * `entries` written again as a chain by whoever holds the hub's key: each edited as asked, chained,
 * every checkpoint signed again at its own time. Ready to be appended in order.
 */
export function rewriteChain(
  entries: readonly AuditEntry[],
  hub: NodeSigner,
  rewrite: Rewrite = {},
): AuditEntry[] {
  const chain: AuditEntry[] = [];
  let head: AuditChainHead | undefined;
  const start = rewrite.start ?? 1n;
  const place = (entry: AuditEntry) => {
    chain.push(entry);
    head = { sequence: entry.sequence, hash: entry.hash };
  };
  if (rewrite.rollover === true) {
    const rollover = create(AuditEntrySchema, {
      at: timestampFromDate(new Date()),
      event: AuditEvent.ROLLOVER,
      actor: 'hub',
      detail: 'no chained entry to extend',
    });
    place(signRollover(rollover, start, hub));
  }
  for (const original of entries) {
    const entry = unplaced(original);
    rewrite.edit?.(entry);
    if (head === undefined) {
      place(startAuditChain(entry, start));
    } else if (entry.event === AuditEvent.CHECKPOINT) {
      place(signCheckpoint(entry, head, hub));
    } else {
      place(chainAuditEntry(entry, head));
    }
  }
  return chain;
}

/** The audit stream in the hands of an operator user. */
export class AuditStreamOperator {
  private constructor(
    private readonly jsm: JetStreamManager,
    private readonly js: JetStreamClient,
  ) {}

  static async of(nc: NatsConnection): Promise<AuditStreamOperator> {
    return new AuditStreamOperator(await jetstreamManager(nc), jetstream(nc));
  }

  /** Every entry stored, oldest first. */
  async stored(): Promise<StoredEntry[]> {
    const { state } = await this.jsm.streams.info(STREAM_AUDIT);
    const stored: StoredEntry[] = [];
    if (state.messages === 0) return stored;
    for (let seq = state.first_seq; seq <= state.last_seq; seq++) {
      const message = await this.jsm.streams.getMessage(STREAM_AUDIT, { seq });
      if (message === null) continue;
      stored.push({
        seq,
        subject: message.subject,
        data: message.data,
        entry: fromBinary(AuditEntrySchema, message.data),
      });
    }
    return stored;
  }

  /**
   * Deletes the stream and creates it again as it was configured, minus any flag forbidding to delete
   * or purge its messages (which the server lets nobody lift on a running stream), holding `entries`.
   * On this server a new stream's sequence starts at 1.
   */
  async replace(entries: readonly { subject: string; data: Uint8Array }[]): Promise<void> {
    const { config } = await this.jsm.streams.info(STREAM_AUDIT);
    await this.jsm.streams.delete(STREAM_AUDIT);
    await this.jsm.streams.add({ ...(config as StreamConfig), deny_delete: false, deny_purge: false });
    for (const { subject, data } of entries) await this.js.publish(subject, data);
  }

  /** Deletes the stream and creates it again (as `replace` does) holding the chain `entries`. */
  async rewrite(entries: readonly AuditEntry[]): Promise<void> {
    await this.replace(
      entries.map((entry) => ({ subject: subjectOf(entry), data: toBinary(AuditEntrySchema, entry) })),
    );
  }

  /** Appends `entries` (already chained at the positions they claim). */
  async append(entries: readonly AuditEntry[]): Promise<void> {
    for (const entry of entries) await this.js.publish(subjectOf(entry), toBinary(AuditEntrySchema, entry));
  }

  /** Removes every entry; the stream's sequence goes on after them. */
  async purge(): Promise<{ nextSequence: number }> {
    await this.replace(await this.stored());
    await this.jsm.streams.purge(STREAM_AUDIT);
    const { state } = await this.jsm.streams.info(STREAM_AUDIT);
    return { nextSequence: state.last_seq + 1 };
  }

  /** Deletes the last `count` entries; the stream still counts them in its last sequence. */
  async deleteLast(count: number): Promise<void> {
    const stored = await this.stored();
    await this.replace(stored);
    for (const { seq } of stored.slice(-count)) await this.jsm.streams.deleteMessage(STREAM_AUDIT, seq);
  }
}
