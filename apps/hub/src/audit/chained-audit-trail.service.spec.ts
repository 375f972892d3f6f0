import { fromBinary } from '@bufbuild/protobuf';
import { AuditEntrySchema, AuditEvent, RejectionReason } from '#contracts';
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

/** A stream in memory: appends only right after the expected position, de-duplicates by msgId first. */
class InMemoryChainStore extends AuditChainStore {
  readonly stored: { subject: string; body: Uint8Array }[] = [];
  readonly msgIds = new Map<string, number>();
  conflicts = 0;
  failNext: Error | undefined;

  async head(): Promise<StoredAuditHead> {
    await Promise.resolve();
    const last = this.stored.at(-1);
    if (last === undefined) return { chain: undefined, position: 0 };
    const entry = fromBinary(AuditEntrySchema, last.body);
    return { chain: { sequence: entry.sequence, hash: entry.hash }, position: this.stored.length };
  }

  async append({ subject, body, msgId, after }: AuditAppend): Promise<AuditAppendOutcome> {
    // Yield, so appends from several trails interleave as they would over the network.
    await new Promise((resolve) => setImmediate(resolve));
    const failure = this.failNext;
    this.failNext = undefined;
    if (failure) throw failure;
    const earlier = this.msgIds.get(msgId);
    if (earlier !== undefined) return { position: earlier, duplicate: true };
    if (after !== this.stored.length) {
      this.conflicts++;
      throw new AuditChainConflict(`wrong last sequence: ${this.stored.length}`);
    }
    this.stored.push({ subject, body });
    this.msgIds.set(msgId, this.stored.length);
    return { position: this.stored.length, duplicate: false };
  }
}

const hubKey = generateNodeKey();
const hubs = {
  signatures: new SignatureVerifier((node) => (node.startsWith('hub') ? [hubKey.publicKey] : [])),
  isHub: (node: string) => node.startsWith('hub'),
};

function trail(store: AuditChainStore, id = 'hub', policy: Partial<AuditPolicy> = {}) {
  return new ChainedAuditTrailService(
    store,
    NodeSigner.fromSeed(hubKey.seed),
    Object.assign(new HubConfig(), { HUB_ID: id, HUB_SEED_FILE: 'unused' }),
    Object.assign(new AuditPolicy(), policy),
    createLogger({ service: 'hub' }, 'silent'),
  );
}

function verify(store: InMemoryChainStore) {
  const verifier = new AuditChainVerifier(hubs);
  const broken = store.stored.map(({ body }, index) => verifier.check(index + 1, body)).find(Boolean);
  return { broken, summary: verifier.summary() };
}

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
    expect([first, again, rejected]).toEqual([
      { streamSequence: 1, duplicate: false },
      { streamSequence: 1, duplicate: true },
      { streamSequence: 2, duplicate: false },
    ]);
    expect(verify(store).summary.entries).toBe(2);
  });

  it('signs a checkpoint after every `checkpointEvery` entries', async () => {
    const store = new InMemoryChainStore();
    const audit = trail(store, 'hub', { checkpointEvery: 3 });
    for (const ref of ['m1', 'm2', 'm3', 'm4', 'm5', 'm6', 'm7']) await audit.record(accepted(ref));
    const events = store.stored.map(({ body }) => fromBinary(AuditEntrySchema, body).event);
    expect(events.filter((event) => event === AuditEvent.CHECKPOINT)).toHaveLength(2);
    expect(events[3]).toBe(AuditEvent.CHECKPOINT);
    expect(verify(store)).toMatchObject({
      broken: undefined,
      summary: { checkpoints: 2, lastCheckpoint: 8n },
    });
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
