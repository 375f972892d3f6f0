import { generateNodeKey } from '#trust';
import { addNodeKey, revokeNodeKey } from './key-lifecycle.js';
import { RegistryIndex } from './registry-index.js';
import { RegistryError } from './registry.errors.js';
import { SMALL_REGISTRY_YAML } from '../test/registry.fixtures.js';
import { parseRegistry, stringifyRegistry } from './registry-file.js';

const registry = parseRegistry(SMALL_REGISTRY_YAML);
const oldKey = generateNodeKey().publicKey;
const newKey = generateNodeKey().publicKey;
const enrolled = addNodeKey(registry, 'tj-border', oldKey);

function problemsOf(action: () => unknown): string[] {
  try {
    action();
  } catch (error) {
    if (error instanceof RegistryError) return error.problems;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

describe('key lifecycle in the registry', () => {
  it('adds a rotated key beside the old one, both listed, the new one valid from the rotation', () => {
    const rotated = addNodeKey(enrolled, 'tj-border', newKey, '2026-11-28T10:00:00.000Z');
    const index = new RegistryIndex(rotated);
    expect(index.publicKeys('tj-border')).toEqual([oldKey, newKey]);
    expect(index.keyWindow('tj-border', oldKey)).toBeUndefined();
    expect(index.keyWindow('tj-border', newKey)).toEqual({ key: newKey, from: '2026-11-28T10:00:00.000Z' });
    expect(enrolled.nodes.find((node) => node.id === 'tj-border')?.publicKeys).toEqual([oldKey]);
  });

  it('revokes a key at a time, keeping it listed so earlier messages still verify', () => {
    const revoked = revokeNodeKey(enrolled, 'tj-border', oldKey, '2026-11-28T11:00:00.000Z');
    const index = new RegistryIndex(revoked);
    expect(index.publicKeys('tj-border')).toEqual([oldKey]);
    expect(index.keyWindow('tj-border', oldKey)).toEqual({
      key: oldKey,
      revokedAt: '2026-11-28T11:00:00.000Z',
    });
  });

  it('writes windows as publicKeys mappings and reads them back equal', () => {
    const edited = revokeNodeKey(
      addNodeKey(enrolled, 'tj-border', newKey, '2026-11-28T10:00:00.000Z'),
      'tj-border',
      oldKey,
      '2026-11-28T11:00:00Z',
    );
    const text = stringifyRegistry(edited);
    expect(text).toContain(`key: ${newKey}`);
    expect(parseRegistry(text)).toEqual(edited);
  });

  it('refuses unknown nodes, unknown or duplicate keys and malformed or reversed windows', () => {
    expect(problemsOf(() => addNodeKey(enrolled, 'ghost', newKey))).toEqual([
      'node "ghost": not in the registry',
    ]);
    expect(problemsOf(() => addNodeKey(enrolled, 'tj-border', oldKey))).toEqual([
      `node "tj-border": public key ${oldKey} is listed twice`,
    ]);
    expect(problemsOf(() => revokeNodeKey(enrolled, 'tj-border', newKey, '2026-11-28T11:00:00Z'))).toEqual([
      `node "tj-border": has no public key ${newKey}`,
    ]);
    expect(problemsOf(() => revokeNodeKey(enrolled, 'tj-border', oldKey, 'tomorrow'))).toEqual([
      `node "tj-border" key ${oldKey}: revokedAt "tomorrow" is not an RFC 3339 UTC time`,
    ]);
    const rotated = addNodeKey(enrolled, 'tj-border', newKey, '2026-11-28T10:00:00Z');
    expect(problemsOf(() => revokeNodeKey(rotated, 'tj-border', newKey, '2026-11-28T09:00:00Z'))).toEqual([
      `node "tj-border" key ${newKey}: revokedAt must come after from`,
    ]);
  });

  it('refuses in the file a window for a key the node does not list, and a window given twice', () => {
    const text = SMALL_REGISTRY_YAML.replace(
      'publicKeys: []',
      `publicKeys: [{ key: ${oldKey}, revokedAt: "2026-01-01T00:00:00Z" }, { key: ${oldKey}, from: "2025-01-01T00:00:00Z" }]`,
    );
    expect(problemsOf(() => parseRegistry(text))).toEqual([
      `node "tj-border": public key ${oldKey} is listed twice`,
      `node "tj-border" key ${oldKey}: more than one validity window`,
    ]);
    const unknownField = SMALL_REGISTRY_YAML.replace(
      'publicKeys: []',
      `publicKeys: [{ key: ${oldKey}, until: x }]`,
    );
    expect(problemsOf(() => parseRegistry(unknownField))).toEqual([
      'nodes[0].publicKeys[0]: unknown key "until"',
    ]);
  });
});
