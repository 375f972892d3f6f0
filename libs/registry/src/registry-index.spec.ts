import { CATEGORY_TOKEN_LIST } from '#contracts';
import { generateNodeKey } from '#trust';
import { RegistryIndex } from './registry-index.js';
import { parseRegistry } from './registry-file.js';
import { SMALL_REGISTRY_YAML } from '../test/registry.fixtures.js';

const registry = parseRegistry(SMALL_REGISTRY_YAML);
const key = generateNodeKey().publicKey;
registry.nodes[0]!.publicKeys = [key];
const index = new RegistryIndex(registry);

describe('RegistryIndex', () => {
  it('finds nodes and their keys', () => {
    expect(index.node('tj-border')?.kind).toBe('border');
    expect(index.node('nobody')).toBeUndefined();
    expect(index.publicKeys('tj-border')).toEqual([key]);
    expect(index.publicKeys('nobody')).toEqual([]);
    expect(index.hasNode('hub')).toBe(true);
    expect(index.nodes().map((node) => node.id)).toEqual(['tj-border', 'unodc', 'hub']);
  });

  it('tells which protocol version each node reads: 1.0 unless its entry names a newer one', () => {
    const versions = parseRegistry(SMALL_REGISTRY_YAML);
    versions.nodes[1]!.protocol = '1.1';
    const read = new RegistryIndex(versions);
    expect([read.reads('tj-border', '1.0'), read.reads('tj-border', '1.1')]).toEqual([true, false]);
    expect([read.reads('unodc', '1.0'), read.reads('unodc', '1.1')]).toEqual([true, true]);
    expect(read.reads('nobody', '1.0')).toBe(false);
  });

  it('knows the registry places', () => {
    expect(index.hasRegion('afghan-border')).toBe(true);
    expect(index.hasRegion('direct')).toBe(false);
    expect(index.hasSection('tj-af-panj')).toBe(true);
    expect(index.hasSection('afghan-border')).toBe(false);
    expect(index.hasCrossingPoint('panji-poyon')).toBe(true);
    expect(index.hasCrossingPoint('tj-af-panj')).toBe(false);
  });

  it('expands a wildcard category to every category, general included', () => {
    for (const category of [...CATEGORY_TOKEN_LIST, 'general']) {
      expect(index.subscribers('afghan-border', category)).toContain('tj-border');
    }
  });

  it('expands a wildcard region to every region', () => {
    expect(index.subscribers('afghan-border', 'salw')).toEqual(['tj-border', 'unodc']);
    expect(index.subscribers('caspian', 'drugs')).toEqual(['unodc']);
  });

  it('lists a node once even when several subscriptions match', () => {
    expect(index.subscribers('caspian', 'salw')).toEqual(['unodc']);
  });

  it('has no subscribers for unsubscribed categories and unknown topics', () => {
    expect(index.subscribers('caspian', 'terrorism')).toEqual([]);
    expect(index.subscribers('atlantis', 'salw')).toEqual([]);
    expect(index.subscribers('afghan-border', '*')).toEqual([]);
  });

  it('returns a list the caller may change without changing the index', () => {
    index.subscribers('afghan-border', 'salw').push('intruder');
    expect(index.subscribers('afghan-border', 'salw')).toEqual(['tj-border', 'unodc']);
  });
});
