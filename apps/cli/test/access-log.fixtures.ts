import {
  chainAccessEntry,
  generateNodeKey,
  NodeSigner,
  signAccessHead,
  type AccessRecord,
  type SignedAccessHead,
} from '#trust';
import { runCli } from '../src/program.js';

/** kz-border's key, which signs the fixture heads, and another node's. */
export const NODE_KEY = generateNodeKey();
export const OTHER_KEY = generateNodeKey();

/** An access log of `count` entries (`m1`, `m2`, …: a read, then listed), chained as a node does. */
export function accessRecords(count: number): AccessRecord[] {
  const records: AccessRecord[] = [];
  for (let index = 1; index <= count; index++) {
    const person = index % 2 === 0;
    const entry = {
      at: new Date(Date.UTC(2026, 2, 1, 8, index)).toISOString(),
      principal: person ? 'person:kz-border-reader' : 'service:k1',
      name: person ? 'Aigerim' : 'duty desk',
      action: index === 1 ? 'read' : 'list',
      message: `m${index}`,
      request: `req-${index}`,
    };
    records.push(chainAccessEntry(entry, records.at(-1) ?? { sequence: 0, hash: '' }));
  }
  return records;
}

/** kz-border's signed head naming the last of `records`, signed with `seed` (NODE_KEY's by default). */
export function accessHead(records: readonly AccessRecord[], seed = NODE_KEY.seed): SignedAccessHead {
  const last = records.at(-1);
  return signAccessHead(NodeSigner.fromSeed(seed), {
    node: 'kz-border',
    at: '2026-03-02T00:00:00.000Z',
    sequence: last?.sequence ?? 0,
    hash: last?.hash ?? '',
  });
}

/** Runs `borderlink` on `args`, collecting what it writes. */
export async function borderlink(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}
