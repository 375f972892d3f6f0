import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from '../program.js';

const registry = fileURLToPath(new URL('../../../../deploy/registry/registry.yaml', import.meta.url));

describe('borderlink redis-acl', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'borderlink-redis-acl-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (...args: string[]) => {
    let stdout = '';
    let stderr = '';
    const code = await runCli(['redis-acl', '--registry', registry, ...args], {
      out: (text) => (stdout += text),
      err: (text) => (stderr += text),
    });
    return { code, stdout, stderr };
  };

  it("writes the hub's and each node's user, each password in the user's own folder and never in the file", async () => {
    const out = join(dir, 'redis', 'users.acl');
    const secrets = join(dir, 'secrets');

    const { code, stdout } = await run('--out', out, '--secrets', secrets);

    expect(code).toBe(0);
    expect(stdout).toMatch(/^Wrote .*users\.acl: \d+ Redis users from .*, the default user disabled;/);
    const acl = readFileSync(out, 'utf8');
    expect(acl).toMatch(/^user default reset off\n/);
    expect(acl).toMatch(/^user hub reset on #[0-9a-f]{64} ~bl:hub:\* resetchannels -@all /m);
    expect(acl).toMatch(/^user kz-border reset on #[0-9a-f]{64} ~bl:kz-border:\* resetchannels -@all /m);
    const password = readFileSync(join(secrets, 'kz-border', 'redis.pass'), 'utf8').trim();
    expect(acl).not.toContain(password);
    expect(statSync(join(secrets, 'kz-border', 'redis.pass')).mode & 0o777).toBe(0o600);
    expect(statSync(out).mode & 0o777).toBe(0o644);
  });

  it('keeps the passwords when run again', async () => {
    const out = join(dir, 'users.acl');
    const secrets = join(dir, 'secrets');
    await run('--out', out, '--secrets', secrets);
    const first = readFileSync(out, 'utf8');

    await run('--out', out, '--secrets', secrets);

    expect(readFileSync(out, 'utf8')).toBe(first);
  });

  it('reports an empty password file as a usage error naming it', async () => {
    const secrets = join(dir, 'secrets');
    await run('--out', join(dir, 'users.acl'), '--secrets', secrets);
    writeFileSync(join(secrets, 'hub', 'redis.pass'), '\n');

    const { code, stderr } = await run('--out', join(dir, 'users.acl'), '--secrets', secrets);

    expect(code).toBe(2);
    expect(stderr).toMatch(/hub\/redis\.pass is empty/);
  });
});
