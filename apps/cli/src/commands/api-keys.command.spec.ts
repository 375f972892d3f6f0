import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../program.js';

describe('borderlink api-keys', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'borderlink-api-keys-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['api-keys', ...args, '--secrets', dir], {
      out: (text) => (stdout += text),
      err: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  };

  it('creates a key printed once, lists it without its secret, and revokes it', async () => {
    const created = await run(
      'create',
      'kz-border',
      '--name',
      'case-system',
      '--roles',
      'author,reader',
      '--expires',
      '30d',
    );
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^blk_[0-9a-f]{16}_[A-Za-z0-9_-]{43}$/);
    const id = key.slice(4, 20);
    expect(created.stderr).toContain(`key ${id} (case-system; author, reader; clearance amber)`);
    expect(readFileSync(join(dir, 'kz-border', 'api-keys.json'), 'utf8')).not.toContain(key.slice(21));

    const listed = await run('list', 'kz-border');
    expect(listed.stdout).toMatch(new RegExp(`^${id}  active .* amber .* author,reader  case-system$`, 'm'));
    expect(listed.stdout).not.toContain(key);

    expect((await run('revoke', 'kz-border', id)).stdout).toContain(`key ${id} (case-system) revoked at`);
    expect((await run('list', 'kz-border', '--json')).stdout).toContain('"state": "revoked"');
  });

  it('refuses an unknown role, clearance or node id with exit code 2', async () => {
    expect((await run('create', 'kz-border', '--name', 'x', '--roles', 'root')).code).toBe(2);
    expect(
      (await run('create', 'kz-border', '--name', 'x', '--roles', 'reader', '--clearance', 'top')).code,
    ).toBe(2);
    expect((await run('list', '../etc')).code).toBe(2);
    expect((await run('revoke', 'kz-border', '0123456789abcdef')).code).toBe(2);
  });
});
