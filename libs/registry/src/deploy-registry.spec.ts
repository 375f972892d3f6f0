import { fileURLToPath } from 'node:url';
import { CATEGORY_TOKEN_LIST } from '#contracts';
import { RegistryIndex } from './registry-index.js';
import { loadRegistry } from './registry-file.js';

// The committed registry (deploy/registry/registry.yaml) must stay valid and route as the README promises.
const path = fileURLToPath(new URL('../../../deploy/registry/registry.yaml', import.meta.url));
const registry = loadRegistry(path);
const index = new RegistryIndex(registry);

describe('deploy/registry/registry.yaml', () => {
  it('has the regions the network is organised by', () => {
    for (const region of ['central-asia', 'afghan-border', 'caspian', 'fergana-valley']) {
      expect(index.hasRegion(region)).toBe(true);
    }
  });

  it('registers border service and customs of every Central Asian state, the partners and the hub', () => {
    const expected = ['kz', 'kg', 'tj', 'tm', 'uz'].flatMap((c) => [`${c}-border`, `${c}-customs`]);
    expected.push('interpol', 'europol', 'unodc', 'osce', 'iom', 'bomca', 'hub');
    for (const id of expected) expect(index.hasNode(id)).toBe(true);
    expect(index.node('hub')?.kind).toBe('hub');
    expect(index.node('uz-customs')?.kind).toBe('customs');
    expect(index.node('unodc')?.kind).toBe('partner');
  });

  it('commits no keys', () => {
    for (const node of registry.nodes) expect(node.publicKeys).toEqual([]);
  });

  it('delivers Afghan-border SALW alerts to the Tajik border service, Uzbek customs and UNODC', () => {
    expect(index.subscribers('afghan-border', 'salw')).toEqual(
      expect.arrayContaining(['tj-border', 'uz-customs', 'unodc']),
    );
  });

  it('does not deliver Afghan-border SALW alerts to Kyrgyz customs or IOM', () => {
    const subscribers = index.subscribers('afghan-border', 'salw');
    expect(subscribers).not.toContain('kg-customs');
    expect(subscribers).not.toContain('iom');
  });

  it('gives every agency node at least one subscription and the hub none', () => {
    for (const node of registry.nodes) {
      if (node.kind === 'hub') expect(node.subscriptions).toEqual([]);
      else expect(node.subscriptions.length).toBeGreaterThan(0);
    }
  });

  it('places every crossing point inside Central Asia', () => {
    for (const { location } of registry.crossingPoints) {
      expect(location.lat).toBeGreaterThan(35);
      expect(location.lat).toBeLessThan(56);
      expect(location.lon).toBeGreaterThan(46);
      expect(location.lon).toBeLessThan(88);
    }
  });

  it('routes every category of every region to someone', () => {
    for (const { id } of registry.regions) {
      for (const category of CATEGORY_TOKEN_LIST) expect(index.subscribers(id, category)).not.toEqual([]);
    }
  });
});
