import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessRecord } from '#trust';
import {
  accessHead,
  accessRecords,
  borderlink,
  NODE_KEY,
  OTHER_KEY,
} from '../../test/access-log.fixtures.js';
import { entryLine, headLine } from './access-log-file.js';

describe('borderlink access-log verify', () => {
  let dir: string;
  let files = 0;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bl-access-log-verify-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes an export of `records` under `head`; returns its path. */
  function exportFile(records: readonly AccessRecord[], head = accessHead(records)): string {
    const file = join(dir, `export-${++files}.jsonl`);
    writeFileSync(file, records.map(entryLine).join('') + headLine(head));
    return file;
  }

  const verify = (file: string, ...more: string[]) =>
    borderlink('access-log', 'verify', file, '--key', NODE_KEY.publicKey, ...more);

  it('reports a whole export signed by the node', async () => {
    const result = await verify(exportFile(accessRecords(4)));
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toContain(
      `access log OK: 4 entries of kz-border (entries 1 to 4), head signed by ${NODE_KEY.publicKey}`,
    );
    expect(result.out).toContain('read 1, list 3');
  });

  it.each([
    [
      'an edited entry',
      (records: AccessRecord[]) => (records[2] = { ...records[2]!, principal: 'person:someone-else' }),
      'access log broken at entry 3 (hash-mismatch)',
    ],
    [
      'a removed entry',
      (records: AccessRecord[]) => records.splice(1, 1),
      'access log broken at entry 2 (missing-entries)',
    ],
    [
      'a reordered entry',
      (records: AccessRecord[]) => ([records[1], records[2]] = [records[2]!, records[1]!]),
      'access log broken at entry 2 (missing-entries)',
    ],
  ])('exits 1 naming the entry, for %s', async (_what, tamper, reason) => {
    const records = accessRecords(5);
    const head = accessHead(records);
    tamper(records);
    const result = await verify(exportFile(records, head));
    expect(result.code).toBe(1);
    expect(result.err).toContain(`borderlink: ${reason}`);
  });

  it('exits 1 for a head not signed by the node key', async () => {
    const records = accessRecords(3);
    const other = await verify(exportFile(records, accessHead(records, OTHER_KEY.seed)));
    expect(other.code).toBe(1);
    expect(other.err).toContain('access log broken at entry 3 (head-signature)');
    const forged = { ...accessHead(records), signature: accessHead(accessRecords(2)).signature };
    expect((await verify(exportFile(records, forged))).err).toContain('(head-signature)');
  });

  it('exits 1 for a log cut after an earlier export, and says when it still holds the earlier head', async () => {
    const earlier = exportFile(accessRecords(5));
    const cut = accessRecords(3);
    const result = await verify(exportFile(cut), '--earlier', earlier);
    expect(result.code).toBe(1);
    expect(result.err).toContain('access log broken at entry 4 (tail-cut)');
    expect((await verify(exportFile(accessRecords(7)), '--earlier', earlier)).out).toContain(
      'still holds entry 5 as the earlier export',
    );
  });

  it('exits 1 for a file without its head or with a line that is no entry, and 2 for a bad key', async () => {
    const file = join(dir, 'no-head.jsonl');
    writeFileSync(file, accessRecords(2).map(entryLine).join(''));
    expect(await borderlink('access-log', 'verify', file)).toMatchObject({
      code: 1,
      err: `borderlink: ${file} ends without the node's signed head\n`,
    });
    writeFileSync(file, `${entryLine(accessRecords(1)[0]!)}{"type":"entry"}\n`);
    expect((await borderlink('access-log', 'verify', file)).err).toContain(
      `${file}:2 is not an access log entry or head`,
    );
    expect((await borderlink('access-log', 'verify', file, '--key', 'not-a-key')).code).toBe(2);
  });
});
