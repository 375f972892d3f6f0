import { fromBinary, toBinary } from '@bufbuild/protobuf';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { AuditEntrySchema, AuditEvent, RejectionReason, type AuditEntry } from '#contracts';
import { createLogger } from '#runtime';
import { AuditChainVerifier, NodeSigner, SignatureVerifier, generateNodeKey } from '#trust';
import { HubConfig } from '../config/hub.config.js';
import {
  AuditChainStore,
  type AuditAppend,
  type AuditAppendOutcome,
  type StoredAuditHead,
} from './audit-chain.store.js';
import { AuditPolicy } from './audit-policy.js';
import { AuditAppendError, AuditChainConflict } from './audit.errors.js';
import { ChainedAuditTrailService } from './chained-audit-trail.service.js';
import { AUDIT_CHECKPOINT_STORED, type AuditCheckpointStored } from './checkpoint-events.js';

/**
 * A stream in memory: appends only right after the expected position, de-duplicates by msgId first.
 * `purged` messages were removed from it: its sequence goes on after them, as JetStream's does.
 */
class InMemoryChainStore extends AuditChainStore {
  readonly stored: { subject: string; body: Uint8Array }[] = [];
  readonly msgIds = new Map<string, number>();
  conflicts = 0;
  failNext: Error | undefined;

  constructor(readonly purged = 0) {
    super();
  }

  get last(): number {
    return this.purged + this.stored.length;
  }

  async head(): Promise<StoredAuditHead> {
    await Promise.resolve();
    const last = this.stored.at(-1);
    if (last === undefined) return { chain: undefined, position: this.last };
    const entry = fromBinary(AuditEntrySchema, last.body);
    return { chain: { sequence: entry.sequence, hash: entry.hash }, position: this.last };
  }

  async append({ subject, body, msgId, after }: AuditAppend): Promise<AuditAppendOutcome> {
    // Yield, so appends from several trails interleave as they would over the network.
    await new Promise((resolve) => setImmediate(resolve));
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    const earlier = this.msgIds.get(msgId);
    if (earlier !== undefined) return { position: earlier, duplicate: true };
    if (after !== this.last) {
      this.conflicts++;
      throw new AuditChainConflict(`wrong last sequence: ${this.last}`);
    }
    this.stored.push({ subject, body });
    this.msgIds.set(msgId, this.last);
    return { position: this.last, duplicate: false };
  }

  async entry(position: number): Promise<AuditEntry> {
    await Promise.resolve();
    return fromBinary(AuditEntrySchema, this.stored[position - this.purged - 1]!.body);
  }
}

const hubKey = generateNodeKey();
const hubs = {
  signatures: new SignatureVerifier((node) => (node.startsWith('hub') ? [hubKey.publicKey] : [])),
  isHub: (node: string) => node.startsWith('hub'),
};

function trail(
  store: AuditChainStore,
  id = 'hub',
  policy: Partial<AuditPolicy> = {},
  events = new EventEmitter2(),
) {
  return new ChainedAuditTrailService(
    store,
    NodeSigner.fromSeed(hubKey.seed),
    Object.assign(new HubConfig(), { HUB_ID: id, HUB_SEED_FILE: 'unused' }),
    Object.assign(new AuditPolicy(), policy),
    createLogger({ service: 'hub' }, 'silent'),
    events,
  );
}

function verify(store: InMemoryChainStore) {
  const verifier = new AuditChainVerifier(hubs);
  const broken = store.stored
    .map(({ body }, index) => verifier.check(store.purged + index + 1, body))
    .find(Boolean);
  return { broken: broken ?? verifier.finish({ lastSequence: store.last }), summary: verifier.summary() };
}

const eventsOf = (store: InMemoryChainStore) =>
  store.stored.map(({ body }) => fromBinary(AuditEntrySchema, body).event);

const accepted = (ref: string) => ({
  event: AuditEvent.ACCEPTED,
  ref,
  message: ref,
  kind: 'alert',
  origin: 'kz-border',
  recipients: ['tj-border'],
});

describe('ChainedAuditTrailService', () => {
  it('stores events in the order recorded, as a chain that verifies', async () => {
    const store = new InMemoryChainStore();
    const audit = trail(store);
    const receipts = await Promise.all(['m1', 'm2', 'm3'].map((ref) => audit.record(accepted(ref))));
    expect(receipts.map((r) => r.streamSequence)).toEqual([1, 2, 3]);
    expect(store.stored.map((s) => s.subject)).toEqual([
      'bl.audit.accepted',
      'bl.audit.accepted',
      'bl.audit.accepted',
    ]);
    expect(verify(store)).toMatchObject({ broken: undefined, summary: { entries: 3 } });
    expect(fromBinary(AuditEntrySchema, store.stored[1]!.body)).toMatchObject({
      sequence: 2n,
      actor: 'hub',
      message: 'm2',
      origin: 'kz-border',
      recipients: ['tj-border'],
    });
  });

  it('keeps one chain when two hub instances append at once', async () => {
    const store = new InMemoryChainStore();
    const [a, b] = [trail(store, 'hub-a'), trail(store, 'hub-b')];
    const refs = Array.from({ length: 40 }, (_, i) => `m${i}`);
    await Promise.all(refs.map((ref, i) => (i % 2 === 0 ? a : b).record(accepted(ref))));
    expect(store.conflicts).toBeGreaterThan(0);
    expect(verify(store)).toMatchObject({ broken: undefined, summary: { entries: 40 } });
  });

  it('stores an event recorded twice once', async () => {
    const store = new InMemoryChainStore();
    const audit = trail(store);
    const first = await audit.record(accepted('m1'));
    const again = await audit.record(accepted('m1'));
    const rejected = await audit.record({
      event: AuditEvent.REJECTED,
      ref: 'm1',
      reason: RejectionReason.INVALID,
    });
    expect([first, again, rejected]).toMatchObject([
      { streamSequence: 1, duplicate: false, entry: { position: 1n } },
      { streamSequence: 1, duplicate: true, entry: { position: 1n } },
      { streamSequence: 2, duplicate: false, entry: { position: 2n } },
    ]);
    // A repeated event names the entry that holds it, as stored, so a statement of it is the same.
    expect(again.entry).toEqual(first.entry);
    expect(again.entry.hash).toEqual(fromBinary(AuditEntrySchema, store.stored[0]!.body).hash);
    expect(verify(store).summary.entries).toBe(2);
  });

  it('signs a checkpoint after every `checkpointEvery` entries', async () => {
    const store = new InMemoryChainStore();
    const audit = trail(store, 'hub', { checkpointEvery: 3 });
    for (const ref of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']) await audit.record(accepted(ref));
    const events = eventsOf(store);
    expect(events.filter((event) => event === AuditEvent.CHECKPOINT)).toHaveLength(2);
    expect(events[3]).toBe(AuditEvent.CHECKPOINT);
    expect(verify(store)).toMatchObject({
      broken: undefined,
      summary: { checkpoints: 2, lastCheckpoint: 8n },
    });
  });

  it('announces every checkpoint it stores, as stored', async () => {
    const store = new InMemoryChainStore();
    const events = new EventEmitter2();
    const announced: AuditEntry[] = [];
    events.on(AUDIT_CHECKPOINT_STORED, ({ entry }: AuditCheckpointStored) => announced.push(entry));
    const audit = trail(store, 'hub', { checkpointEvery: 2 }, events);
    for (const ref of ['m1', 'm2', 'm3']) await audit.record(accepted(ref));
    expect(announced.map((entry) => entry.sequence)).toEqual([3n]);
    expect(toBinary(AuditEntrySchema, announced[0]!)).toEqual(store.stored[2]!.body);
  });

  it('starts a new chain with a signed rollover where the stream was purged, at the stream’s sequence', async () => {
    const store = new InMemoryChainStore(4);
    const events = new EventEmitter2();
    const announced: AuditEvent[] = [];
    events.on(AUDIT_CHECKPOINT_STORED, ({ entry }: AuditCheckpointStored) => announced.push(entry.event));
    const receipt = await trail(store, 'hub', {}, events).record(accepted('m1'));
    expect(eventsOf(store)).toEqual([AuditEvent.ROLLOVER, AuditEvent.ACCEPTED]);
    expect(receipt).toMatchObject({ streamSequence: 6, entry: { position: 6n } });
    expect(announced).toEqual([AuditEvent.ROLLOVER]);
    expect(verify(store)).toMatchObject({ broken: undefined, summary: { first: 5n, rollover: 5n } });
  });

  it('rejects a record the store cannot take, then goes on from the stored head', async () => {
    const store = new InMemoryChainStore();
    const audit = trail(store);
    await audit.record(accepted('m1'));
    store.failNext = new Error('stream offline');
    await expect(audit.record(accepted('m2'))).rejects.toBeInstanceOf(AuditAppendError);
    await audit.record(accepted('m2'));
    expect(verify(store)).toMatchObject({ broken: undefined, summary: { entries: 2 } });
  });

  it('gives up after too many lost races', async () => {
    class AlwaysBehindStore extends InMemoryChainStore {
      override async append(): Promise<AuditAppendOutcome> {
        throw new AuditChainConflict('always behind');
      }
    }
    const audit = trail(new AlwaysBehindStore(), 'hub', { maxConflicts: 2 });
    await expect(audit.record(accepted('m1'))).rejects.toThrow('lost 3 races');
  });
});
