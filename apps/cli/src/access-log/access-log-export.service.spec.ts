import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AccessLogExport } from '#trust';
import { accessHead, accessRecords, borderlink, NODE_KEY } from '../../test/access-log.fixtures.js';

describe('borderlink access-log export', () => {
  let dir: string;
  let keyFile: string;
  let server: Server;
  let url: string;
  const records = accessRecords(5);
  const asked: string[] = [];

  beforeAll(async () => {
    // A node answering pages of two entries.
    server = createServer((request, response) => {
      asked.push(`${request.url} ${request.headers.authorization}`);
      const after = Number(new URL(request.url!, 'http://node').searchParams.get('after'));
      const entries = records.slice(after, after + 2);
      const body: AccessLogExport = {
        node: 'kz-border',
        entries,
        head: accessHead(records),
        ...(after + 2 < records.length ? { next: entries.at(-1)!.sequence } : {}),
      };
      response.setHeader('content-type', 'application/json').end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(() => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-access-log-export-'));
    keyFile = join(dir, 'key');
    writeFileSync(keyFile, 'blk_test\n');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads every page with the key from its file, and writes an export that verifies', async () => {
    const out = join(dir, 'out', 'access-log.jsonl');
    const exported = await borderlink(
      'access-log',
      'export',
      '--node',
      `${url}/`,
      '--api-key-file',
      keyFile,
      '--out',
      out,
    );
    expect(exported).toEqual({
      code: 0,
      out: '',
      err: `Exported 5 entries of kz-border's access log to ${out}.\n`,
    });
    expect(asked.splice(0)).toEqual(
      [0, 2, 4].map((after) => `/v1/access-log?after=${after} Bearer blk_test`),
    );
    expect(readFileSync(out, 'utf8').trim().split('\n')).toHaveLength(6);
    expect((await borderlink('access-log', 'verify', out, '--key', NODE_KEY.publicKey)).code).toBe(0);
  });

  it('exits 2 for an unreadable key file, 1 for a node that does not answer, and leaves no file', async () => {
    const out = join(dir, 'access-log.jsonl');
    const args = ['access-log', 'export', '--out', out, '--api-key-file'];
    expect((await borderlink(...args, join(dir, 'none'), '--node', url)).code).toBe(2);
    const unreachable = await borderlink(...args, keyFile, '--node', 'http://127.0.0.1:9');
    expect(unreachable.code).toBe(1);
    expect(unreachable.err).toContain('cannot read the access log of http://127.0.0.1:9');
    expect(() => readFileSync(out)).toThrow();
  });
});
