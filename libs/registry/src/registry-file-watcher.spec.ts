import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNodeKey } from '#trust';
import { addNodeKey } from './key-lifecycle.js';
import { RegistryFileWatcher } from './registry-file-watcher.js';
import { RegistryIndex } from './registry-index.js';
import { RegistryError } from './registry.errors.js';
import { SMALL_REGISTRY_YAML } from '../test/registry.fixtures.js';
import { parseRegistry, stringifyRegistry } from './registry-file.js';

describe('RegistryFileWatcher', () => {
  let dir: string;
  let file: string;
  let index: RegistryIndex;
  let watcher: RegistryFileWatcher | undefined;
  const registry = parseRegistry(SMALL_REGISTRY_YAML);
  const key = generateNodeKey().publicKey;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-registry-'));
    file = join(dir, 'registry.yaml');
    writeFileSync(file, SMALL_REGISTRY_YAML);
    index = new RegistryIndex(registry);
  });
  afterEach(() => {
    watcher?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('swaps a valid changed file into the same index on reload()', () => {
    watcher = new RegistryFileWatcher(file, index);
    writeFileSync(file, stringifyRegistry(addNodeKey(registry, 'tj-border', key)));
    expect(watcher.reload()).toBe(true);
    expect(index.publicKeys('tj-border')).toEqual([key]);
  });

  it('keeps the old registry and reports a RegistryError when the new file is invalid', () => {
    const refused: RegistryError[] = [];
    watcher = new RegistryFileWatcher(file, index, { onRefused: (error) => refused.push(error) });
    writeFileSync(file, 'version: 1\nnodes: [{ id: Bad }]\n');
    expect(watcher.reload()).toBe(false);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(RegistryError);
    expect(index.hasNode('tj-border')).toBe(true);
  });

  it('notices a change of the file by itself once started', async () => {
    const reloaded = new Promise<string>((resolve) => {
      watcher = new RegistryFileWatcher(file, index, { pollMs: 20, debounceMs: 10, onReload: resolve });
    });
    watcher!.start();
    writeFileSync(file, stringifyRegistry(addNodeKey(registry, 'tj-border', key)));
    await expect(reloaded).resolves.toBe(file);
    expect(index.publicKeys('tj-border')).toEqual([key]);
  });
});
