import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, chmodSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateNodeKey } from '#trust';
import { loadRegistry } from '../registry-file.js';
import { NodeKeyError } from './keys.errors.js';
import { initKeys, showKey } from './keys.service.js';

const registryFile = fileURLToPath(new URL('../../../../deploy/registry/registry.yaml', import.meta.url));
const nodeIds = loadRegistry(registryFile).nodes.map((node) => node.id);

describe('keys service', () => {
  let dir: string;
  let keys: string;
  let out: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'borderlink-keys-'));
    keys = join(dir, 'keys');
    out = join(dir, 'enrolled', 'registry.yaml');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('generates an owner-only seed for every node and enrols its public key', async () => {
    const result = await initKeys({ registry: registryFile, keys, out });
    expect(result.nodes.map((node) => node.id)).toEqual(nodeIds);
    expect(result.nodes.every((node) => node.seed === 'generated')).toBe(true);
    expect(result.warnings).toEqual([]);
    const enrolled = loadRegistry(out);
    for (const node of result.nodes) {
      expect(statSync(join(keys, `${node.id}.nk`)).mode & 0o777).toBe(0o600);
      expect(enrolled.nodes.find((n) => n.id === node.id)?.publicKeys).toEqual([node.publicKey]);
      await expect(showKey(node.id, keys)).resolves.toBe(node.publicKey);
    }
    expect(readFileSync(out, 'utf8')).toMatch(/^# Enrolled copy of /);
  });

  it('is idempotent: a second run keeps every seed and writes the same file', async () => {
    const first = await initKeys({ registry: registryFile, keys, out });
    const text = readFileSync(out, 'utf8');
    const second = await initKeys({ registry: registryFile, keys, out });
    expect(second.nodes.every((node) => node.seed === 'kept')).toBe(true);
    expect(second.nodes.map((node) => node.publicKey)).toEqual(first.nodes.map((node) => node.publicKey));
    expect(readFileSync(out, 'utf8')).toBe(text);
  });

  it("copies each node's seed into a folder of its own when asked, again after a new seed", async () => {
    const secrets = join(dir, 'secrets');
    await initKeys({ registry: registryFile, keys, out, secrets });
    const seedOf = (node: string) => readFileSync(join(keys, `${node}.nk`), 'utf8');
    for (const id of nodeIds) {
      expect(readFileSync(join(secrets, id, 'seed.nk'), 'utf8')).toBe(seedOf(id));
      expect(statSync(join(secrets, id, 'seed.nk')).mode & 0o777).toBe(0o600);
      expect(statSync(join(secrets, id)).mode & 0o777).toBe(0o700);
    }

    rmSync(join(keys, 'kz-border.nk'));
    await initKeys({ registry: registryFile, keys, out, secrets });

    expect(readFileSync(join(secrets, 'kz-border', 'seed.nk'), 'utf8')).toBe(seedOf('kz-border'));
  });

  it('keeps an existing seed and warns when others can read it', async () => {
    const existing = generateNodeKey();
    mkdirSync(keys);
    writeFileSync(join(keys, 'kz-border.nk'), `${existing.seed}\n`);
    chmodSync(join(keys, 'kz-border.nk'), 0o644);
    const result = await initKeys({ registry: registryFile, keys, out });
    expect(result.nodes.find((node) => node.id === 'kz-border')).toEqual({
      id: 'kz-border',
      publicKey: existing.publicKey,
      seed: 'kept',
    });
    expect(result.warnings).toEqual([expect.stringContaining('kz-border.nk is readable by other users')]);
  });

  it('refuses a seed file that does not hold a seed', async () => {
    mkdirSync(keys);
    writeFileSync(join(keys, 'tj-border.nk'), 'not a seed\n');
    await expect(initKeys({ registry: registryFile, keys, out })).rejects.toThrow(NodeKeyError);
    await expect(initKeys({ registry: registryFile, keys, out })).rejects.toThrow(
      /tj-border\.nk does not hold/,
    );
  });

  it('refuses to write the enrolled copy over its source', async () => {
    await expect(initKeys({ registry: registryFile, keys, out: registryFile })).rejects.toThrow(NodeKeyError);
  });

  it('shows nothing for a node without a seed or an id that is not a node id', async () => {
    await expect(showKey('kz-border', keys)).rejects.toThrow(/no seed for node "kz-border"/);
    await expect(showKey('../../etc/passwd', keys)).rejects.toThrow(NodeKeyError);
  });
});
