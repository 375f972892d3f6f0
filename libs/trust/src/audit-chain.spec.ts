import { create, fromBinary, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { AuditEntrySchema, AuditEvent, RejectionReason, type AuditEntry } from '#contracts';
import { auditEntryHash, chainAuditEntry, signCheckpoint, type AuditChainHead } from './audit-chain.js';
import { AuditChainVerifier, type AuditChainBreak } from './audit-chain-verifier.js';
import { NodeSigner, generateNodeKey } from './node-signer.js';
import { SignatureVerifier } from './signature-verifier.js';

const hubKey = generateNodeKey();
const hub = NodeSigner.fromSeed(hubKey.seed);
const signatures = new SignatureVerifier((node) => (node === 'hub' ? [hubKey.publicKey] : []));

function event(index: number): AuditEntry {
  return create(AuditEntrySchema, {
    at: timestampFromDate(new Date(Date.UTC(2026, 0, 1, 0, 0, index))),
    event: index % 3 === 0 ? AuditEvent.REJECTED : AuditEvent.ACCEPTED,
    actor: 'hub',
    message: `0190f3c2-7a4e-7b1d-9c3e-${String(index).padStart(12, '0')}`,
    kind: 'alert',
    origin: 'kz-border',
    recipients: ['tj-border', 'uz-customs'],
    reason: index % 3 === 0 ? RejectionReason.INVALID : RejectionReason.UNSPECIFIED,
    detail: `event ${index}`,
  });
}

/** Stored bytes of a chain of `count` events with a signed checkpoint after every fourth entry. */
function chain(count: number): Uint8Array[] {
  const stored: Uint8Array[] = [];
  let head: AuditChainHead | undefined;
  for (let index = 1; stored.length < count; index++) {
    const entry =
      head !== undefined && head.sequence % 4n === 0n
        ? signCheckpoint(
            create(AuditEntrySchema, {
              at: timestampFromDate(new Date(Date.UTC(2026, 0, 2))),
              actor: 'hub',
              event: AuditEvent.CHECKPOINT,
            }),
            head,
            hub,
          )
        : chainAuditEntry(event(index), head);
    head = { sequence: entry.sequence, hash: entry.hash };
    stored.push(toBinary(AuditEntrySchema, entry));
  }
  return stored;
}

/** The first break of stored entries read in order (stream sequence = index + 1). */
function verify(
  stored: readonly Uint8Array[],
  verifier = new AuditChainVerifier(signatures),
): AuditChainBreak | undefined {
  for (const [index, bytes] of stored.entries()) {
    const broken = verifier.check(index + 1, bytes);
    if (broken) return broken;
  }
  return undefined;
}

describe('audit chain', () => {
  it('verifies an intact chain with its checkpoints and counts it', () => {
    const verifier = new AuditChainVerifier(signatures);
    expect(verify(chain(12), verifier)).toBeUndefined();
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
    for (const [index, bytes] of stored.entries()) {
      for (let offset = 0; offset < bytes.length; offset++) {
        const tampered = stored.map((b) => new Uint8Array(b));
        tampered[index]![offset]! ^= 0x01;
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
      expect(broken?.streamSequence).toBe(index + 1);
      expect(broken?.problem).toBe(index === 0 ? 'unlinked-start' : 'missing-entries');
      expect(broken?.detail).toContain(`entry ${index + 1} is missing`);
    }
  });

  it('names the first entry out of place when two entries swap', () => {
    const stored = chain(9);
    const swapped = [...stored];
    [swapped[4], swapped[5]] = [swapped[5]!, swapped[4]!];
    expect(verify(swapped)).toMatchObject({ streamSequence: 5, problem: 'missing-entries' });
  });

  it('refuses an entry whose hashes were recomputed after tampering, at the next entry', () => {
    const stored = chain(6);
    const entry = fromBinary(AuditEntrySchema, stored[2]!);
    entry.recipients.push('ru-border');
    entry.hash = auditEntryHash(entry);
    const tampered = [...stored];
    tampered[2] = toBinary(AuditEntrySchema, entry);
    expect(verify(tampered)).toMatchObject({ streamSequence: 4, problem: 'broken-link' });
  });

  it('refuses a checkpoint that is not signed by a registered hub key', () => {
    const stored = chain(5);
    const intruder = NodeSigner.fromSeed(generateNodeKey().seed);
    const head = fromBinary(AuditEntrySchema, stored[3]!);
    const forged = signCheckpoint(
      create(AuditEntrySchema, {
        at: timestampFromDate(new Date()),
        actor: 'hub',
        event: AuditEvent.CHECKPOINT,
      }),
      { sequence: head.sequence, hash: head.hash },
      intruder,
    );
    const tampered = [...stored.slice(0, 4), toBinary(AuditEntrySchema, forged)];
    expect(verify(tampered)).toMatchObject({ streamSequence: 5, problem: 'checkpoint-invalid' });
  });

  it('accepts a chain whose oldest entries expired only when told to', () => {
    const stored = chain(8).slice(3);
    expect(verify(stored)).toMatchObject({ streamSequence: 1, problem: 'unlinked-start' });
    expect(verify(stored, new AuditChainVerifier(signatures, { allowTruncatedStart: true }))).toBeUndefined();
  });

  it('names bytes that are not an entry', () => {
    const stored = chain(3);
    stored[1] = new Uint8Array([0xff, 0xff, 0xff]);
    expect(verify(stored)).toMatchObject({ streamSequence: 2, problem: 'undecodable' });
  });
});
