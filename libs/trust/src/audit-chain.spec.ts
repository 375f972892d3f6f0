import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, AuditEvent, RejectionReason, type AuditEntry } from '#contracts';
import {
  auditEntryHash,
  chainAuditEntry,
  signCheckpoint,
  signRollover,
  type AuditChainHead,
} from './audit-chain.js';
import {
  AuditChainVerifier,
  type AuditChainBreak,
  type AuditVerifyOptions,
  type AuditWitness,
} from './audit-chain-verifier.js';
import { checkpointWitness, isWitness, statementWitness } from './audit-witness.js';
import { signStatement } from './delivery-statement.js';
import type { HubKeys } from './hub-keys.js';
import { NodeSigner, generateNodeKey } from './node-signer.js';
import { SignatureVerifier, type KeyValidity } from './signature-verifier.js';

const hubKey = generateNodeKey();
const oldHubKey = generateNodeKey();
const nodeKey = generateNodeKey();
const hub = NodeSigner.fromSeed(hubKey.seed);
const REVOKED_AT = '2026-01-01T12:00:00.000Z';
const keys = new Map<string, readonly string[]>([
  ['hub', [hubKey.publicKey, oldHubKey.publicKey]],
  ['kz-border', [nodeKey.publicKey]],
]);
const windows = new Map<string, KeyValidity>([[oldHubKey.publicKey, { revokedAt: REVOKED_AT }]]);
const hubs: HubKeys = {
  signatures: new SignatureVerifier(
    (node) => keys.get(node) ?? [],
    (_, key) => windows.get(key),
  ),
  isHub: (node) => node === 'hub',
};

/** One stored message of the audit stream. */
interface Stored {
  seq: number;
  bytes: Uint8Array;
}

const minute = (index: number) => new Date(Date.UTC(2026, 0, 1, 0, index));

function event(index: number, detail = `event ${index}`): AuditEntry {
  return create(AuditEntrySchema, {
    at: timestampFromDate(minute(index)),
    event: index % 3 === 0 ? AuditEvent.REJECTED : AuditEvent.ACCEPTED,
    actor: 'hub',
    message: `0190f3c2-7a4e-7b1d-9c3e-${String(index).padStart(12, '0')}`,
    kind: 'alert',
    origin: 'kz-border',
    recipients: ['tj-border', 'uz-customs'],
    reason: index % 3 === 0 ? RejectionReason.INVALID : RejectionReason.UNSPECIFIED,
    detail,
  });
}

function checkpointAt(index: number, actor = 'hub'): AuditEntry {
  return create(AuditEntrySchema, {
    at: timestampFromDate(minute(index)),
    actor,
    event: AuditEvent.CHECKPOINT,
  });
}

interface ChainOptions {
  /** Chain position and stream sequence of the first entry (a rollover starts the chain there). */
  start?: number;
  /** Signs the checkpoints. */
  signer?: NodeSigner;
  /** The detail of the event at this position, to write another history. */
  rewrite?: { position: number; detail: string };
}

/** Stored entries of a chain of `count` entries with a signed checkpoint after every fourth entry. */
function chain(count: number, options: ChainOptions = {}): Stored[] {
  const start = options.start ?? 1;
  const stored: Stored[] = [];
  let head: AuditChainHead | undefined;
  for (let index = start; stored.length < count; index++) {
    const signer = options.signer ?? hub;
    let entry: AuditEntry;
    if (head === undefined && start > 1) {
      entry = signRollover(
        create(AuditEntrySchema, {
          at: timestampFromDate(minute(index)),
          actor: 'hub',
          event: AuditEvent.ROLLOVER,
        }),
        BigInt(index),
        signer,
      );
    } else if (head !== undefined && head.sequence % 4n === 0n) {
      entry = signCheckpoint(checkpointAt(index), head, signer);
    } else {
      const detail = options.rewrite?.position === index ? options.rewrite.detail : undefined;
      entry = chainAuditEntry(event(index, detail), head);
    }
    head = { sequence: entry.sequence, hash: entry.hash };
    stored.push({ seq: index, bytes: toBinary(AuditEntrySchema, entry) });
  }
  return stored;
}

/** The first break of stored entries read in order, then of the stream's end. */
function verify(
  stored: readonly Stored[],
  options: AuditVerifyOptions = {},
  end: { lastSequence?: number; expiredBefore?: number } = {},
): AuditChainBreak | undefined {
  const verifier = new AuditChainVerifier(hubs, options);
  for (const { seq, bytes } of stored) {
    const broken = verifier.check(seq, bytes);
    if (broken) return broken;
  }
  return verifier.finish({ lastSequence: end.lastSequence ?? stored.at(-1)?.seq ?? 0, ...end });
}

const entryOf = (stored: Stored) => fromBinary(AuditEntrySchema, stored.bytes);
const store = (entry: AuditEntry, seq = Number(entry.sequence)): Stored => ({
  seq,
  bytes: toBinary(AuditEntrySchema, entry),
});

/** The witness a node holds of one stored entry through a delivery statement the hub signed. */
function statementOf(node: string, stored: Stored, signer = hub): AuditWitness {
  const entry = entryOf(stored);
  const signed = signStatement(signer, {
    hub: 'hub',
    at: new Date(Number(entry.at!.seconds) * 1000).toISOString(),
    id: entry.message || 'audit-entry',
    origin: 'kz-border',
    digest: '0'.repeat(64),
    auditPosition: entry.sequence,
    auditHash: Buffer.from(entry.hash).toString('hex'),
    recipients: [node],
  });
  const witness = statementWitness(node, signed, hubs);
  if (!isWitness(witness)) throw new Error(`statement refused: ${witness.reason}`);
  return witness;
}

describe('audit chain', () => {
  it('verifies an intact chain with its checkpoints and counts it', () => {
    const verifier = new AuditChainVerifier(hubs);
    for (const { seq, bytes } of chain(12)) expect(verifier.check(seq, bytes)).toBeUndefined();
    expect(verifier.finish({ lastSequence: 12 })).toBeUndefined();
    expect(verifier.summary()).toMatchObject({ entries: 12, checkpoints: 2, first: 1n, lastCheckpoint: 9n });
    expect(verifier.summary().head?.sequence).toBe(12n);
  });

  it('hashes the previous hash, so an entry cannot move to another chain', () => {
    const first = chainAuditEntry(event(1), undefined);
    const elsewhere = chainAuditEntry(event(1), { sequence: 0n, hash: new Uint8Array(32) });
    expect(first.previousHash).toHaveLength(0);
    expect(auditEntryHash(first)).toEqual(first.hash);
    expect(elsewhere.hash).not.toEqual(first.hash);
  });

  it('names the entry when any single byte of any entry changes', () => {
    const stored = chain(9);
    for (const [index, { bytes }] of stored.entries()) {
      for (let offset = 0; offset < bytes.length; offset++) {
        const tampered = stored.map((s) => ({ seq: s.seq, bytes: new Uint8Array(s.bytes) }));
        tampered[index]!.bytes[offset]! ^= 0x01;
        const broken = verify(tampered);
        expect({ index, offset, at: broken?.streamSequence }).toEqual({ index, offset, at: index + 1 });
      }
    }
  });

  it('names the gap when an entry is deleted, wherever it was', () => {
    const stored = chain(9);
    for (let index = 0; index < stored.length - 1; index++) {
      const cut = stored.filter((_, i) => i !== index);
      const broken = verify(cut);
      expect(broken?.streamSequence).toBe(index + 2);
      expect(broken?.problem).toBe(index === 0 ? 'unlinked-start' : 'missing-entries');
      expect(broken?.detail).toContain(`entry ${index + 1} is missing`);
    }
  });

  it('names the first entry out of place when two entries swap', () => {
    const stored = chain(9);
    const swapped = stored.map((s, i) =>
      i === 4 ? { ...s, bytes: stored[5]!.bytes } : i === 5 ? { ...s, bytes: stored[4]!.bytes } : s,
    );
    expect(verify(swapped)).toMatchObject({ streamSequence: 5, problem: 'position-mismatch' });
  });

  it('refuses an entry whose hashes were recomputed after tampering, at the next entry', () => {
    const stored = chain(6);
    const entry = entryOf(stored[2]!);
    entry.recipients.push('ru-border');
    entry.hash = auditEntryHash(entry);
    const tampered = [...stored];
    tampered[2] = store(entry);
    expect(verify(tampered)).toMatchObject({ streamSequence: 4, problem: 'broken-link' });
  });

  it('refuses a checkpoint in the hub’s name under a key that is not the hub’s', () => {
    const stored = chain(4);
    const intruder = NodeSigner.fromSeed(generateNodeKey().seed);
    const forged = signCheckpoint(
      checkpointAt(5),
      { sequence: 4n, hash: entryOf(stored[3]!).hash },
      intruder,
    );
    expect(verify([...stored, store(forged)])).toMatchObject({
      streamSequence: 5,
      problem: 'checkpoint-not-hub',
    });
  });

  it('refuses a checkpoint signed by an ordinary node with its own registered key', () => {
    const stored = chain(4);
    const node = NodeSigner.fromSeed(nodeKey.seed);
    const forged = signCheckpoint(
      checkpointAt(5, 'kz-border'),
      { sequence: 4n, hash: entryOf(stored[3]!).hash },
      node,
    );
    const broken = verify([...stored, store(forged)]);
    expect(broken).toMatchObject({ streamSequence: 5, problem: 'checkpoint-not-hub' });
    expect(broken?.detail).toContain('kz-border, which is not a hub');
  });

  it('accepts checkpoints of a revoked hub key made before its revocation, refuses one made after', () => {
    const old = NodeSigner.fromSeed(oldHubKey.seed);
    // Minutes 1 to 5 of 2026-01-01: before the revocation at noon.
    expect(verify(chain(8, { signer: old }))).toBeUndefined();
    const stored = chain(4);
    const late = create(AuditEntrySchema, {
      at: timestampFromDate(new Date('2026-01-01T12:30:00.000Z')),
      actor: 'hub',
      event: AuditEvent.CHECKPOINT,
    });
    const after = signCheckpoint(late, { sequence: 4n, hash: entryOf(stored[3]!).hash }, old);
    const broken = verify([...stored, store(after)]);
    expect(broken).toMatchObject({ streamSequence: 5, problem: 'checkpoint-key-revoked' });
    expect(broken?.detail).toContain(oldHubKey.publicKey);
  });

  it('refuses a checkpoint backdated behind the entries it covers, as a revoked key would have to', () => {
    const stored = chain(3);
    const recent = chainAuditEntry(
      Object.assign(event(4), { at: timestampFromDate(new Date('2026-01-02T00:00:00.000Z')) }),
      { sequence: 3n, hash: entryOf(stored[2]!).hash },
    );
    const backdated = signCheckpoint(
      checkpointAt(5),
      { sequence: 4n, hash: recent.hash },
      NodeSigner.fromSeed(oldHubKey.seed),
    );
    expect(verify([...stored, store(recent), store(backdated)])).toMatchObject({
      streamSequence: 5,
      problem: 'checkpoint-backdated',
    });
  });

  it('refuses a chain purged and written again from entry 1 after the stream’s sequence moved on', () => {
    // Entries 1 to 4 were purged: the stream's next sequence is 5, but the rewritten chain starts at 1.
    const rewritten = chain(8, { rewrite: { position: 2, detail: 'another history' } }).map((s) => ({
      ...s,
      seq: s.seq + 4,
    }));
    const broken = verify(rewritten);
    expect(broken).toMatchObject({ streamSequence: 5, problem: 'position-mismatch' });
    expect(broken?.detail).toBe('entry 1 is stored at stream sequence 5');
  });

  it('accepts a chain that starts at a rollover signed by a hub, and refuses one signed by a node', () => {
    const verifier = new AuditChainVerifier(hubs);
    for (const { seq, bytes } of chain(6, { start: 5 })) expect(verifier.check(seq, bytes)).toBeUndefined();
    expect(verifier.summary()).toMatchObject({ first: 5n, rollover: 5n, entries: 6 });
    const forged = chain(6, { start: 5, signer: NodeSigner.fromSeed(nodeKey.seed) });
    expect(verify(forged)).toMatchObject({ streamSequence: 5, problem: 'checkpoint-not-hub' });
  });

  it('accepts a chain whose oldest entries expired only when told to', () => {
    const stored = chain(8).slice(3);
    expect(verify(stored)).toMatchObject({ streamSequence: 4, problem: 'unlinked-start' });
    expect(verify(stored, { allowTruncatedStart: true })).toBeUndefined();
  });

  it('names bytes that are not an entry', () => {
    const stored = chain(3);
    stored[1] = { seq: 2, bytes: new Uint8Array([0xff, 0xff, 0xff]) };
    expect(verify(stored)).toMatchObject({ streamSequence: 2, problem: 'undecodable' });
  });

  it('names a tail the stream counted but no longer holds', () => {
    const stored = chain(10);
    expect(verify(stored.slice(0, 8), {}, { lastSequence: 10 })).toMatchObject({
      streamSequence: 10,
      problem: 'tail-cut',
      detail: "the stream's last sequence is 10 but the chain ends at entry 8: entries 9 to 10 are missing",
    });
  });

  describe('against what the nodes witnessed', () => {
    const stored = chain(10);

    it('passes when the nodes’ statements and checkpoints match the chain, counting them', () => {
      const checkpoint = checkpointWitness('tj-border', entryOf(stored[8]!), hubs);
      if (checkpoint === undefined || !isWitness(checkpoint)) throw new Error('checkpoint refused');
      const witnesses = [
        statementOf('kz-border', stored[6]!),
        statementOf('tj-border', stored[9]!),
        checkpoint,
      ];
      const verifier = new AuditChainVerifier(hubs, { witnesses });
      for (const { seq, bytes } of stored) expect(verifier.check(seq, bytes)).toBeUndefined();
      expect(verifier.finish({ lastSequence: 10 })).toBeUndefined();
      expect(verifier.summary().witnessed).toBe(3);
    });

    it('names history rewritten and re-signed with the hub’s own key', () => {
      const witness = statementOf('kz-border', stored[5]!);
      const rewritten = chain(10, { rewrite: { position: 3, detail: 'another history' } });
      // On its own the rewritten chain verifies: every hash and checkpoint was made again.
      expect(verify(rewritten)).toBeUndefined();
      const broken = verify(rewritten, { witnesses: [witness] });
      expect(broken).toMatchObject({ streamSequence: 6, problem: 'witness-mismatch' });
      expect(broken?.detail).toContain('kz-border holds the hub');
    });

    it('names a tail cut after the last checkpoint that a node witnessed, though the stream was made anew', () => {
      // Entries 10 and 11 follow the checkpoint at 9; the stream was rebuilt without them.
      const full = chain(11);
      const witness = statementOf('uz-customs', full[10]!);
      const broken = verify(full.slice(0, 9), { witnesses: [witness] });
      expect(broken).toMatchObject({ streamSequence: 11, problem: 'tail-cut' });
      expect(broken?.detail).toContain("uz-customs holds the hub's statement of message");
      expect(broken?.detail).toContain('but the chain ends at entry 9');
    });

    it('names entries erased before a rollover, unless they were old enough to have expired', () => {
      const witness = statementOf('kz-border', stored[2]!);
      const restarted = chain(6, { start: 11 });
      expect(verify(restarted, { witnesses: [witness] })).toMatchObject({
        streamSequence: 3,
        problem: 'entries-erased',
      });
      expect(verify(restarted, { witnesses: [witness] }, { expiredBefore: witness.at + 1 })).toBeUndefined();
    });

    it('takes no witness a hub did not sign, and witnesses the entry before a checkpoint', () => {
      const node = NodeSigner.fromSeed(nodeKey.seed);
      const entry = entryOf(stored[6]!);
      const signed = signStatement(node, {
        hub: 'hub',
        at: '2026-01-01T00:07:00.000Z',
        id: 'm7',
        origin: 'kz-border',
        digest: '0'.repeat(64),
        auditPosition: 7n,
        auditHash: '1'.repeat(64),
        recipients: ['kz-border'],
      });
      expect(statementWitness('kz-border', signed, hubs)).toMatchObject({ reason: 'unknown-key' });
      expect(checkpointWitness('kz-border', entry, hubs)).toMatchObject({ reason: 'not a checkpoint' });
      expect(checkpointWitness('kz-border', entryOf(stored[4]!), hubs)).toMatchObject({
        position: 4n,
        hash: entryOf(stored[3]!).hash,
      });
    });
  });
});
