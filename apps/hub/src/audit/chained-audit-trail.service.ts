import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, AuditEvent, auditSubject, type AuditEntry } from '#contracts';
import { NodeSigner, chainAuditEntry, signCheckpoint, signRollover, type AuditChainHead } from '#trust';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { HubConfig } from '../config/hub.config.js';
import { AuditChainStore, type StoredAuditHead } from './audit-chain.store.js';
import { AuditAppendError, AuditChainConflict } from './audit.errors.js';
import { auditEventToken } from './audit-event.js';
import { AuditPolicy } from './audit-policy.js';
import { AuditTrail, type AuditReceipt, type AuditRecord } from './audit-trail.js';
import { AUDIT_CHECKPOINT_STORED, type AuditCheckpointStored } from './checkpoint-events.js';

/** One append waiting its turn: how to build its entry on a given head, and whom to tell. */
interface PendingAppend {
  event: AuditEvent;
  msgId: string;
  build(head: AuditChainHead | undefined): AuditEntry | undefined;
  resolve(receipt: AuditReceipt | undefined): void;
  reject(error: unknown): void;
}

/**
 * Records events as a hash chain in the audit stream. Appends from this process go through one queue,
 * in order, each chained on the head this instance last saw; the store refuses an append when another
 * instance moved the head, and the entry is then chained again on the new head. So the hot path waits
 * for one stream round trip per entry ahead of it, never for a lock across instances. Every entry sits
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
      messages: [...(record.messages ?? [])],
      ...(record.reason === undefined ? {} : { reason: record.reason }),
      detail: record.detail ?? '',
    });
  }

  private enqueue(pending: Omit<PendingAppend, 'resolve' | 'reject'>): Promise<AuditReceipt | undefined> {
    return new Promise((resolve, reject) => {
      this.queue.push({ ...pending, resolve, reject });
      void this.drain();
    });
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    try {
      for (let next = this.queue.shift(); next !== undefined; next = this.queue.shift()) {
        try {
          next.resolve(await this.append(next));
        } catch (error) {
          next.reject(error);
        }
        if (this.unsigned >= this.policy.checkpointEvery) void this.checkpoint();
      }
    } finally {
      this.draining = false;
    }
  }

  private async append(pending: PendingAppend): Promise<AuditReceipt | undefined> {
    for (let conflicts = 0; ;) {
      const head = (this.head ??= await this.store.head());
      const rollover = this.extends(head) ? undefined : this.rollover(head.position);
      const entry = rollover ?? pending.build(head.chain);
      if (entry === undefined) return undefined;
      const event = rollover === undefined ? pending.event : AuditEvent.ROLLOVER;
      // A signed entry is named by the position it states.
      const msgId =
        event === AuditEvent.CHECKPOINT || event === AuditEvent.ROLLOVER
          ? `${auditEventToken(event)}:${entry.sequence}`
          : pending.msgId;
      try {
        const stored = await this.store.append({
          subject: auditSubject(auditEventToken(event)),
          body: toBinary(AuditEntrySchema, entry),
          msgId,
          after: head.position,
        });
        if (stored.duplicate) {
          this.head = undefined;
        } else {
          this.head = { chain: { sequence: entry.sequence, hash: entry.hash }, position: stored.position };
          this.stored(event, entry);
        }
        // Once the new chain has started, the pending entry is chained on it.
        if (rollover !== undefined) continue;
        const held = stored.duplicate ? await this.store.entry(stored.position) : entry;
        return {
          streamSequence: stored.position,
          duplicate: stored.duplicate,
          entry: { position: held.sequence, hash: held.hash, at: timestampDate(held.at!) },
        };
      } catch (error) {
        // Whatever happened, the head this instance knew may be stale now.
        this.head = undefined;
        if (!(error instanceof AuditChainConflict)) {
          throw new AuditAppendError(`cannot append audit entry ${msgId}`, { cause: error });
        }
        if (conflicts >= this.policy.maxConflicts) {
          throw new AuditAppendError(`audit entry ${msgId} lost ${conflicts + 1} races for the head`, {
            cause: error,
          });
        }
        conflicts++;
        this.logger.debug({ msgId }, 'audit head moved; chaining again');
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
