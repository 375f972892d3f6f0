// The node's access log against a real OpenID Connect provider and the real nodes and hub: a person's
// read, an inbox page and an inbox item read by id are recorded naming who, how and in which request; `borderlink access-log
// export` and `verify` prove the log under the node's key; and a row changed in the store file, by
// someone who drops the triggers first, fails verification naming that row.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { runCli } from '#cli';
import type { InboxItem } from '#node';
import { alertRequest } from '#node/testing';
import type { AccessRecord } from '#trust';
import { waitFor } from '#testing';
import { call, startAccessNetwork, type AccessNetwork, type Node } from './access-network.js';

let access: AccessNetwork;
let dir: string;
const url = (node: Node) => access.network.url(node);

beforeAll(async () => {
  access = await startAccessNetwork();
  dir = await mkdtemp(join(tmpdir(), 'bl-access-log-'));
});

afterAll(async () => {
  await access?.stop();
  await rm(dir, { recursive: true, force: true });
});

async function borderlink(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

/** Exports `node`'s access log with the tests' API key (monitor role, TLP:RED) into `name`. */
async function exportLog(node: Node, name: string): Promise<{ file: string; entries: AccessRecord[] }> {
  const keyFile = join(dir, `${node}.key`);
  await writeFile(keyFile, access.network.auth(node).authorization.replace(/^Bearer /, ''), { mode: 0o600 });
  const file = join(dir, name);
  const exported = await borderlink(
    'access-log',
    'export',
    '--node',
    url(node),
    '--api-key-file',
    keyFile,
    '--out',
    file,
  );
  expect(exported).toMatchObject({ code: 0, out: '' });
  const lines = (await readFile(file, 'utf8')).trim().split('\n');
  const entries = lines
    .map((line) => JSON.parse(line) as { type: string } & AccessRecord)
    .filter((line) => line.type === 'entry');
  return { file, entries };
}

const verify = (node: Node, file: string) =>
  borderlink('access-log', 'verify', file, '--key', access.network.keys[node].publicKey);

describe('the access log', () => {
  it('records who read or listed which message, and proves it to oversight until a row is changed', async () => {
    const posted = await call<{ id: string }>(`${url('kz-border')}/v1/alerts`, {
      method: 'POST',
      credentials: await access.token('kz-border', 'author'),
      body: alertRequest(),
    });
    expect(posted.status).toBe(202);
    const id = posted.body.id;

    const read = await fetch(`${url('kz-border')}/v1/messages/${id}`, {
      headers: {
        authorization: `Bearer ${await access.token('kz-border', 'reader')}`,
        'x-request-id': 'desk-read-1',
      },
    });
    expect(read.status).toBe(200);

    const tjReader = await access.token('tj-border', 'reader');
    await waitFor(
      async () =>
        (
          await call<{ items: InboxItem[] }>(`${url('tj-border')}/v1/inbox`, { credentials: tjReader })
        ).body.items.some((item) => item.id === id) || undefined,
      { what: 'the alert in the inbox of tj-border' },
    );
    const readAtTj = await fetch(`${url('tj-border')}/v1/inbox/${id}`, {
      headers: { authorization: `Bearer ${tjReader}`, 'x-request-id': 'desk-inbox-read-1' },
    });
    expect(readAtTj.status).toBe(200);
    const tj = await exportLog('tj-border', 'tj-border.jsonl');
    expect(tj.entries).toContainEqual(
      expect.objectContaining({ principal: 'person:tj-border-reader', action: 'list', message: id }),
    );
    expect(tj.entries).toContainEqual(
      expect.objectContaining({
        principal: 'person:tj-border-reader',
        action: 'read',
        message: id,
        request: 'desk-inbox-read-1',
      }),
    );
    expect((await verify('tj-border', tj.file)).code).toBe(0);

    const before = await exportLog('kz-border', 'kz-border.jsonl');
    const entry = before.entries.find((e) => e.action === 'read' && e.message === id);
    expect(entry).toMatchObject({ principal: 'person:kz-border-reader', request: 'desk-read-1' });
    const verified = await verify('kz-border', before.file);
    expect(verified).toMatchObject({ code: 0, err: '' });
    expect(verified.out).toContain(`access log OK: ${before.entries.length} entries of kz-border`);

    // Someone with the store file but not the node's key: drop the guard, then blame another person.
    const db = new Database(access.network.storeFile('kz-border'));
    try {
      expect(() =>
        db
          .prepare("UPDATE access_log SET principal = 'person:kz-border-author' WHERE sequence = ?")
          .run(entry!.sequence),
      ).toThrow('append-only');
      db.exec('DROP TRIGGER access_log_no_update');
      db.prepare("UPDATE access_log SET principal = 'person:kz-border-author' WHERE sequence = ?").run(
        entry!.sequence,
      );
    } finally {
      db.close();
    }
    const after = await exportLog('kz-border', 'kz-border-tampered.jsonl');
    const broken = await verify('kz-border', after.file);
    expect(broken.code).toBe(1);
    expect(broken.err).toContain(`access log broken at entry ${entry!.sequence} (hash-mismatch)`);
  });
});
