import { createHash } from 'node:crypto';
import {
  accessContentBytes,
  accessContentDigest,
  accessHeadBytes,
  chainAccessEntry,
  signAccessHead,
  verifyAccessHead,
  type AccessEntry,
  type AccessRecord,
  type SignedAccessHead,
} from './access-chain.js';
import {
  AccessChainVerifier,
  type AccessChainBreak,
  type AccessVerifyOptions,
} from './access-chain-verifier.js';
import { NodeSigner, generateNodeKey } from './node-signer.js';

const nodeKey = generateNodeKey();
const otherKey = generateNodeKey();
const signer = NodeSigner.fromSeed(nodeKey.seed);

function entry(index: number, overrides: Partial<AccessEntry> = {}): AccessEntry {
  return {
    at: new Date(Date.UTC(2026, 2, 1, 0, index)).toISOString(),
    principal: index % 2 === 0 ? 'person:kz-border-reader' : 'service:k1',
    name: index % 2 === 0 ? 'Aigerim' : 'desk',
    action: index % 3 === 0 ? 'read' : 'list',
    message: `0190f3c2-7a4e-7b1d-9c3e-${String(index).padStart(12, '0')}`,
    request: `req-${index}`,
    ...overrides,
  };
}

/** A log of `count` entries, chained as the node chains them. */
function log(count: number): AccessRecord[] {
  const records: AccessRecord[] = [];
  for (let index = 1; index <= count; index++) {
    records.push(chainAccessEntry(entry(index), records.at(-1) ?? { sequence: 0, hash: '' }));
  }
  return records;
}

function headOf(records: readonly AccessRecord[], by = signer): SignedAccessHead {
  const last = records.at(-1);
  return signAccessHead(by, {
    node: 'kz-border',
    at: '2026-03-02T00:00:00.000Z',
    sequence: last?.sequence ?? 0,
    hash: last?.hash ?? '',
  });
}

function verify(
  records: readonly AccessRecord[],
  head: SignedAccessHead,
  options: AccessVerifyOptions = { keys: [nodeKey.publicKey] },
): AccessChainBreak | undefined {
  const verifier = new AccessChainVerifier(options);
  for (const record of records) {
    const broken = verifier.check(record);
    if (broken) return broken;
  }
  return verifier.finish(head);
}

describe('access log content', () => {
  it('prefixes every value with its length, so values cannot trade characters', () => {
    const bytes = accessContentBytes(7, entry(1, { name: 'ab', action: 'c' }));
    expect(Buffer.from(bytes.subarray(0, 5)).toString('hex')).toBe('0000000137');
    expect(accessContentDigest(7, entry(1, { name: 'ab', action: 'c' }))).not.toEqual(
      accessContentDigest(7, entry(1, { name: 'a', action: 'bc' })),
    );
  });

  it('hashes the domain line and the content, then links to the previous hash', () => {
    const first = entry(1);
    const [one, two] = log(2);
    const digest = createHash('sha256')
      .update('borderlink-access-v1\n')
      .update(accessContentBytes(1, first))
      .digest();
    expect(one!.hash).toBe(createHash('sha256').update(digest).digest('hex'));
    const linked = createHash('sha256')
      .update(Buffer.from(one!.hash, 'hex'))
      .update(accessContentDigest(2, entry(2)))
      .digest('hex');
    expect(two!.hash).toBe(linked);
  });

  it('covers the sequence: the same entry at another position hashes otherwise', () => {
    expect(accessContentDigest(1, entry(1))).not.toEqual(accessContentDigest(2, entry(1)));
  });
});

describe('access log head', () => {
  it('is signed over five lines, and verifies under the node key only', () => {
    const head = headOf(log(3));
    expect(Buffer.from(accessHeadBytes(head)).toString().split('\n')).toEqual([
      'borderlink-access-head-v1',
      'kz-border',
      '2026-03-02T00:00:00.000Z',
      '3',
      head.hash,
    ]);
    expect(verifyAccessHead(head, [nodeKey.publicKey])).toEqual({ ok: true, key: nodeKey.publicKey });
    expect(verifyAccessHead(head, [otherKey.publicKey])).toMatchObject({ ok: false });
    expect(verifyAccessHead({ ...head, sequence: 2 }, [nodeKey.publicKey])).toEqual({
      ok: false,
      reason: 'signature-invalid',
    });
  });

  it('refuses to sign a head outside its syntax', () => {
    expect(() => headOf([{ ...log(1)[0]!, hash: 'not hex' }])).toThrow(RangeError);
  });
});

describe('AccessChainVerifier', () => {
  it('accepts a whole log under its signed head, and an empty one', () => {
    const records = log(6);
    const verifier = new AccessChainVerifier({ keys: [nodeKey.publicKey] });
    for (const record of records) expect(verifier.check(record)).toBeUndefined();
    expect(verifier.finish(headOf(records))).toBeUndefined();
    expect(verifier.summary()).toEqual({
      entries: 6,
      actions: { list: 4, read: 2 },
      head: { sequence: 6, hash: records[5]!.hash },
    });
    expect(verify([], headOf([]))).toBeUndefined();
  });

  it('names an edited entry', () => {
    const records = log(5);
    records[2] = { ...records[2]!, principal: 'person:someone-else' };
    expect(verify(records, headOf(log(5)))).toMatchObject({ sequence: 3, problem: 'hash-mismatch' });
  });

  it('names an entry edited with its own hash made again, at the entry after it', () => {
    const records = log(5);
    const edited = { ...records[2]!, principal: 'person:someone-else' };
    records[2] = chainAccessEntry(edited, records[1]!);
    expect(verify(records, headOf(log(5)))).toMatchObject({ sequence: 4, problem: 'hash-mismatch' });
  });

  it('names a removed entry', () => {
    const records = log(5);
    records.splice(1, 1);
    expect(verify(records, headOf(log(5)))).toMatchObject({
      sequence: 2,
      problem: 'missing-entries',
      detail: 'entry 2 is missing: entry 3 follows entry 1',
    });
  });

  it('names reordered entries', () => {
    const records = log(5);
    [records[1], records[2]] = [records[2]!, records[1]!];
    expect(verify(records, headOf(log(5)))).toMatchObject({ sequence: 2, problem: 'missing-entries' });
    // Renumbered to hide the move, their hashes no longer hold.
    const renumbered = records.map((record, index) => ({ ...record, sequence: index + 1 }));
    expect(verify(renumbered, headOf(log(5)))).toMatchObject({ sequence: 2, problem: 'hash-mismatch' });
  });

  it('names a bad head signature, and a head signed by another key', () => {
    const records = log(3);
    const head = headOf(records);
    const forged = { ...head, signature: headOf(records, NodeSigner.fromSeed(otherKey.seed)).signature };
    expect(verify(records, forged)).toMatchObject({ sequence: 3, problem: 'head-signature' });
    const other = headOf(records, NodeSigner.fromSeed(otherKey.seed));
    expect(verify(records, other)).toMatchObject({
      sequence: 3,
      problem: 'head-signature',
      detail: expect.stringContaining('unknown-key'),
    });
    // Without the node's key, the head's own key is all there is to check it by.
    expect(verify(records, other, {})).toBeUndefined();
  });

  it('names the entries a head says exist but the export lacks, and those past the head', () => {
    const records = log(5);
    expect(verify(records.slice(0, 3), headOf(records))).toMatchObject({
      sequence: 4,
      problem: 'head-mismatch',
    });
    expect(verify(records, headOf(records.slice(0, 3)))).toMatchObject({
      sequence: 4,
      problem: 'head-mismatch',
    });
  });

  it('tells a cut tail, and a rewritten log, only against an earlier head', () => {
    const earlier = log(5);
    const cut = earlier.slice(0, 3);
    // Cut and signed again by the node, the shorter log verifies on its own.
    expect(verify(cut, headOf(cut))).toBeUndefined();
    expect(
      verify(cut, headOf(cut), {
        keys: [nodeKey.publicKey],
        earlier: { sequence: 5, hash: earlier[4]!.hash },
      }),
    ).toMatchObject({ sequence: 4, problem: 'tail-cut' });

    const rewritten: AccessRecord[] = [earlier[0]!];
    for (let index = 2; index <= 6; index++) {
      rewritten.push(chainAccessEntry(entry(index, { name: 'rewritten' }), rewritten.at(-1)!));
    }
    expect(verify(rewritten, headOf(rewritten))).toBeUndefined();
    expect(
      verify(rewritten, headOf(rewritten), {
        keys: [nodeKey.publicKey],
        earlier: { sequence: 5, hash: earlier[4]!.hash },
      }),
    ).toMatchObject({ sequence: 5, problem: 'earlier-head-mismatch' });
  });
});
