import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { runCli } from './program.js';

const registryFile = fileURLToPath(new URL('../../../deploy/registry/registry.yaml', import.meta.url));

async function run(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await runCli(args, { out: (text) => (out += text), err: (text) => (err += text) });
  return { code, out, err };
}

describe('borderlink CLI', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'borderlink-cli-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('enrols keys and prints a summary, then shows a node key', async () => {
    const keys = join(dir, 'keys');
    const out = join(dir, 'registry.yaml');
    const init = await run('keys', 'init', '--registry', registryFile, '--keys', keys, '--out', out);
    expect(init).toMatchObject({ code: 0, err: '' });
    expect(init.out).toMatch(/^kz-border\s+generated\s+U[A-Z2-7]{55}$/m);
    expect(init.out).toContain(`Enrolled 17 nodes into ${out} (17 new seeds, 0 kept in ${keys}).`);

    const show = await run('keys', 'show', 'uz-customs', '--keys', keys);
    expect(show.code).toBe(0);
    expect(init.out).toContain(show.out.trim());
  });

  it('exits with 2 and a message on stderr for an invalid registry', async () => {
    const bad = join(dir, 'bad.yaml');
    writeFileSync(
      bad,
      'version: 1\nregions: []\nsections: []\ncrossingPoints: []\norganisations: []\nnodes: [{ id: x }]\n',
    );
    const result = await run(
      'keys',
      'init',
      '--registry',
      bad,
      '--keys',
      join(dir, 'k'),
      '--out',
      join(dir, 'o.yaml'),
    );
    expect(result.code).toBe(2);
    expect(result.err).toContain(`borderlink: ${bad}: `);
    expect(result.err).toContain('nodes[0].name: missing');
    expect(result.out).toBe('');
  });

  it('exits with 2 for a missing registry file and for a node without a seed', async () => {
    const missing = await run(
      'keys',
      'init',
      '--registry',
      join(dir, 'none.yaml'),
      '--out',
      join(dir, 'o.yaml'),
    );
    expect(missing.code).toBe(2);
    expect(missing.err).toContain('cannot read the file');
    const show = await run('keys', 'show', 'kz-border', '--keys', dir);
    expect(show.code).toBe(2);
    expect(show.err).toContain('no seed for node "kz-border"');
  });

  it('exits with 2 for unknown options, missing arguments and a group without a command', async () => {
    for (const args of [['keys', 'init', '--colour'], ['keys', 'show'], ['keys'], ['teleport']]) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.err).not.toBe('');
    }
  });

  it('prints help with exit code 0', async () => {
    const result = await run('keys', 'init', '--help');
    expect(result.code).toBe(0);
    expect(result.out).toContain('--registry <file>');
  });
});
