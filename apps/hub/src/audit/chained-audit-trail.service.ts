import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, AuditEvent, auditSubject, type AuditEntry } from '#contracts';
import { NodeSigner, chainAuditEntry, signCheckpoint, signRollover, type AuditChainHead } from '#trust';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { HubConfig } from '../config/hub.config.js';
import { AuditChainStore, type AuditAppendOutcome, type StoredAuditHead } from './audit-chain.store.js';
import { AuditAppendError, AuditChainConflict } from './audit.errors.js';
import { auditEventToken } from './audit-event.js';
import { AuditPolicy } from './audit-policy.js';
import { AuditTrail, type AuditReceipt, type AuditRecord } from './audit-trail.js';
import { AUDIT_CHECKPOINT_STORED, type AuditCheckpointStored } from './checkpoint-events.js';

/** One append waiting its turn: how to build its entry on a given head, and whom to tell. */
interface PendingAppend {
  event: AuditEvent;
  msgId: string;
  /** Races for the head this append has lost so far. */
  conflicts: number;
  build(head: AuditChainHead | undefined): AuditEntry | undefined;
  resolve(receipt: AuditReceipt | undefined): void;
  reject(error: unknown): void;
}

/** One entry of a batch, chained and named, on its way to the store. */
interface PlannedAppend {
  pending: PendingAppend;
  entry: AuditEntry;
  msgId: string;
}

function appendError(msgId: string, cause: unknown): AuditAppendError {
  return new AuditAppendError(`cannot append audit entry ${msgId}`, { cause });
}

/** Where an event is stored: the entry just appended, or the earlier one holding it. */
function receiptOf(stored: AuditAppendOutcome, entry: AuditEntry): AuditReceipt {
  return {
    streamSequence: stored.position,
    duplicate: stored.duplicate,
    entry: { position: entry.sequence, hash: entry.hash, at: timestampDate(entry.at!) },
  };
}

/**
 * Records events as a hash chain in the audit stream. Appends from this process go through one queue,
 * in order, each chained on the head this instance last saw; the store refuses an append when another
 * instance moved the head, and the entry is then chained again on the new head. What queued while a
 * batch was on its way goes as the next batch, all its entries sent at once (group commit), so the
 * hot path waits for about one stream round trip per batch, never for a lock across instances. Every entry sits
 * at the chain position equal to its stream sequence; where the stream holds no chain to extend
 * (purged, or from before the chain), the hub first appends a signed rollover stating that a new chain
 * starts there. Every `checkpointEvery` entries, or `checkpointIntervalMs` after the first unsigned
 * one, the hub appends a checkpoint signed with its key; each signed entry stored is announced
 * (AUDIT_CHECKPOINT_STORED) so the nodes receive it.
 */
@Injectable()
export class ChainedAuditTrailService extends AuditTrail implements OnModuleInit, OnApplicationShutdown {
  private readonly queue: PendingAppend[] = [];
  private draining = false;
  private head: StoredAuditHead | undefined;
  private unsigned = 0;
  private checkpointQueued = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly store: AuditChainStore,
    private readonly signer: NodeSigner,
    private readonly config: HubConfig,
    private readonly policy: AuditPolicy,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly events: EventEmitter2,
  ) {
    super();
  }

  onModuleInit(): void {
    this.timer = setInterval(() => {
      if (this.unsigned > 0) void this.checkpoint();
    }, this.policy.checkpointIntervalMs);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Resolves once the event's entry is stored in the chain (or was already); rejects when it cannot be. */
  async record(record: AuditRecord): Promise<AuditReceipt> {
    const receipt = await this.enqueue({
      event: record.event,
      msgId: `${record.ref}:${auditEventToken(record.event)}`,
      build: (head) => chainAuditEntry(this.entryOf(record), head),
    });
    if (receipt === undefined) throw new AuditAppendError(`no entry for ${record.ref}`);
    return receipt;
  }

  /**
   * Appends a signed checkpoint of the current head; resolves undefined when the chain is empty or a
   * checkpoint is already waiting. Never rejects: a failed checkpoint is logged and the next one covers it.
   */
  async checkpoint(): Promise<AuditReceipt | undefined> {
    if (this.checkpointQueued) return undefined;
    this.checkpointQueued = true;
    return this.enqueue({
      event: AuditEvent.CHECKPOINT,
      // Set per attempt, by the position it states.
      msgId: '',
      build: (head) =>
        head === undefined
          ? undefined
          : signCheckpoint(
              create(AuditEntrySchema, {
                at: timestampFromDate(new Date()),
                event: AuditEvent.CHECKPOINT,
                actor: this.config.HUB_ID,
              }),
              head,
              this.signer,
            ),
    })
      .catch((error: unknown) => {
        this.logger.error({ err: error }, 'audit checkpoint failed');
        return undefined;
      })
      .finally(() => (this.checkpointQueued = false));
  }

  private entryOf(record: AuditRecord): AuditEntry {
    return create(AuditEntrySchema, {
      at: timestampFromDate(new Date()),
      event: record.event,
      actor: this.config.HUB_ID,
      message: record.message ?? '',
      kind: record.kind ?? '',
      origin: record.origin ?? '',
      person: record.person ?? '',
      recipients: [...(record.recipients ?? [])],
      ...(record.reason === undefined ? {} : { reason: record.reason }),
      detail: record.detail ?? '',
    });
  }

  private enqueue(
    pending: Omit<PendingAppend, 'resolve' | 'reject' | 'conflicts'>,
  ): Promise<AuditReceipt | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...pending, conflicts: 0, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        await this.appendBatch(this.queue.splice(0, this.policy.batchSize));
        if (this.unsigned >= this.policy.checkpointEvery) void this.checkpoint();
      }
    } finally {
      this.draining = false;
    }
  }

  /**
   * Chains `batch` on the head and sends every entry at once, each expecting the one before it, so
   * the batch is stored in one round trip instead of one per entry. The server takes them in order;
   * when one is refused (another instance moved the head), every later one is too, and they go back
   * to the front of the queue to be chained again on the new head.
   */
  private async appendBatch(batch: PendingAppend[]): Promise<void> {
    let head: StoredAuditHead;
    try {
      head = await this.startedHead();
    } catch (error) {
      for (const pending of batch) pending.reject(appendError(pending.msgId, error));
      return;
    }
    const planned: PlannedAppend[] = [];
    let chain = head.chain;
    for (const pending of batch) {
      const entry = pending.build(chain);
      if (entry === undefined) {
        pending.resolve(undefined);
        continue;
      }
      // A signed entry is named by the position it states.
      const msgId =
        pending.event === AuditEvent.CHECKPOINT
          ? `${auditEventToken(pending.event)}:${entry.sequence}`
          : pending.msgId;
      planned.push({ pending, entry, msgId });
      chain = { sequence: entry.sequence, hash: entry.hash };
    }
    const outcomes = await Promise.allSettled(
      planned.map(({ pending, entry, msgId }, index) =>
        this.store.append({
          subject: auditSubject(auditEventToken(pending.event)),
          body: toBinary(AuditEntrySchema, entry),
          msgId,
          after: head.position + index,
          ...(index === 0 ? {} : { afterMsgId: planned[index - 1]!.msgId }),
        }),
      ),
    );
    // The head stays known only while every entry landed where it was chained.
    let intact = true;
    const retries: PendingAppend[] = [];
    for (const [index, { pending, entry, msgId }] of planned.entries()) {
      const outcome = outcomes[index]!;
      if (outcome.status === 'rejected') {
        intact = false;
        const error: unknown = outcome.reason;
        if (!(error instanceof AuditChainConflict)) pending.reject(appendError(msgId, error));
        else if (pending.conflicts >= this.policy.maxConflicts) {
          pending.reject(
            new AuditAppendError(`audit entry ${msgId} lost ${pending.conflicts + 1} races for the head`, {
              cause: error,
            }),
          );
        } else {
          pending.conflicts++;
          retries.push(pending);
        }
        continue;
      }
      const stored = outcome.value;
      if (stored.duplicate) {
        intact = false;
        try {
          pending.resolve(receiptOf(stored, await this.store.entry(stored.position)));
        } catch (error) {
          pending.reject(appendError(msgId, error));
        }
        continue;
      }
      this.head = { chain: { sequence: entry.sequence, hash: entry.hash }, position: stored.position };
      this.stored(pending.event, entry);
      pending.resolve(receiptOf(stored, entry));
    }
    if (!intact) this.head = undefined;
    if (retries.length > 0)
      this.logger.debug({ entries: retries.length }, 'audit head moved; chaining again');
    this.queue.unshift(...retries);
  }

  /**
   * The stored head to chain on; where the stream holds no chain to extend, a signed rollover is
   * stored first and is the head.
   */
  private async startedHead(): Promise<StoredAuditHead> {
    for (let conflicts = 0; ; conflicts++) {
      const head = (this.head ??= await this.store.head());
      if (this.extends(head)) return head;
      const rollover = this.rollover(head.position);
      const msgId = `${auditEventToken(AuditEvent.ROLLOVER)}:${rollover.sequence}`;
      try {
        const stored = await this.store.append({
          subject: auditSubject(auditEventToken(AuditEvent.ROLLOVER)),
          body: toBinary(AuditEntrySchema, rollover),
          msgId,
          after: head.position,
        });
        this.head = stored.duplicate
          ? undefined
          : { chain: { sequence: rollover.sequence, hash: rollover.hash }, position: stored.position };
        if (!stored.duplicate) this.stored(AuditEvent.ROLLOVER, rollover);
      } catch (error) {
        this.head = undefined;
        if (!(error instanceof AuditChainConflict) || conflicts >= this.policy.maxConflicts) throw error;
      }
    }
  }

  /** Whether new entries can be chained on the stored head at the stream's next sequence. */
  private extends(head: StoredAuditHead): boolean {
    return head.chain === undefined ? head.position === 0 : head.chain.sequence === BigInt(head.position);
  }

  /** The signed rollover starting a new chain right after stream sequence `position`. */
  private rollover(position: number): AuditEntry {
    const entry = create(AuditEntrySchema, {
      at: timestampFromDate(new Date()),
      event: AuditEvent.ROLLOVER,
      actor: this.config.HUB_ID,
      detail: `no chained entry to extend at stream sequence ${position}`,
    });
    this.logger.warn({ position }, 'the audit stream holds no chain to extend; starting a new one');
    return signRollover(entry, BigInt(position + 1), this.signer);
  }

  private stored(event: AuditEvent, entry: AuditEntry): void {
    const signed = event === AuditEvent.CHECKPOINT || event === AuditEvent.ROLLOVER;
    this.unsigned = event === AuditEvent.CHECKPOINT ? 0 : this.unsigned + 1;
    if (signed) this.events.emit(AUDIT_CHECKPOINT_STORED, { entry } satisfies AuditCheckpointStored);
  }
}
