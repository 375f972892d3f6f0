import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadRegistry } from '../registry-file.js';
import { RegistryIndex } from '../registry-index.js';
import { NodeKeyError } from './keys.errors.js';
import { revokeKey, rotateKey } from './key-lifecycle.service.js';
import { initKeys, showKey } from './keys.service.js';

const source = fileURLToPath(new URL('../../../../deploy/registry/registry.yaml', import.meta.url));
const NOW = new Date('2026-11-28T10:00:00.000Z');

describe('key rotation and revocation', () => {
  let dir: string;
  let keys: string;
  let registry: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), 'borderlink-rotate-'));
    keys = join(dir, 'keys');
    registry = join(dir, 'registry.yaml');
    await initKeys({ registry: source, keys, out: registry });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('rotates: a new seed takes the node file, the old one is kept, the registry lists both', async () => {
    const node = loadRegistry(registry).nodes[0]!.id;
    const before = await showKey(node, keys);
    const result = await rotateKey(node, { keys, registry, now: NOW });
    expect(result).toMatchObject({ node, oldKey: before, from: NOW.toISOString() });
    await expect(showKey(node, keys)).resolves.toBe(result.newKey);
    expect(readFileSync(result.archived, 'utf8')).toMatch(/^SU/);
    expect(readdirSync(keys).filter((name) => name.startsWith(`${node}.`))).toHaveLength(2);
    const index = new RegistryIndex(loadRegistry(registry));
    expect(index.publicKeys(node)).toEqual([before, result.newKey]);
    expect(index.keyWindow(node, result.newKey)).toEqual({ key: result.newKey, from: NOW.toISOString() });
    expect(readFileSync(registry, 'utf8')).toMatch(/^# Enrolled copy of /);
  });

  it('revokes the old key at a given time, or now', async () => {
    const node = loadRegistry(registry).nodes[0]!.id;
    const { oldKey, newKey } = await rotateKey(node, { keys, registry, now: NOW });
    await expect(revokeKey(node, { registry, key: oldKey, at: '2026-11-28T12:00:00Z' })).resolves.toBe(
      '2026-11-28T12:00:00.000Z',
    );
    const index = new RegistryIndex(loadRegistry(registry));
    expect(index.keyWindow(node, oldKey)?.revokedAt).toBe('2026-11-28T12:00:00.000Z');
    await expect(
      revokeKey(node, { registry, key: newKey, now: new Date('2026-11-29T00:00:00Z') }),
    ).resolves.toBe('2026-11-29T00:00:00.000Z');
  });

  it('keeps the grace period and revocations when keys are enrolled again (as every `borderlink up` does)', async () => {
    const node = loadRegistry(registry).nodes[0]!.id;
    const { oldKey, newKey } = await rotateKey(node, { keys, registry, now: NOW });
    await revokeKey(node, { registry, key: oldKey, at: '2026-11-28T12:00:00Z' });
    await initKeys({ registry: source, keys, out: registry });
    const index = new RegistryIndex(loadRegistry(registry));
    expect(index.publicKeys(node)).toEqual([oldKey, newKey]);
    expect(index.keyWindow(node, oldKey)?.revokedAt).toBe('2026-11-28T12:00:00.000Z');
  });

  it('refuses a bad node id, key or time with a NodeKeyError, and an unknown node without a seed', async () => {
    const node = loadRegistry(registry).nodes[0]!.id;
    const key = await showKey(node, keys);
    await expect(rotateKey('Bad Node', { keys, registry })).rejects.toBeInstanceOf(NodeKeyError);
    await expect(rotateKey('ghost', { keys, registry })).rejects.toBeInstanceOf(NodeKeyError);
    await expect(revokeKey(node, { registry, key: 'SUxyz' })).rejects.toBeInstanceOf(NodeKeyError);
    await expect(revokeKey(node, { registry, key, at: 'soon' })).rejects.toBeInstanceOf(NodeKeyError);
  });
});
