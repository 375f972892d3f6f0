import { generateNodeKey } from '#trust';
import { enrolKeys } from './enrol-keys.js';
import { RegistryError } from './registry.errors.js';
import { parseRegistry } from './registry-file.js';
import { SMALL_REGISTRY_YAML } from '../test/registry.fixtures.js';

describe('enrolKeys', () => {
  const registry = parseRegistry(SMALL_REGISTRY_YAML);

  it('sets each named node to exactly its new key and leaves the input alone', () => {
    const first = generateNodeKey().publicKey;
    const second = generateNodeKey().publicKey;
    const enrolled = enrolKeys(registry, new Map([['tj-border', first]]));
    const replaced = enrolKeys(
      enrolled,
      new Map([
        ['tj-border', second],
        ['hub', first],
      ]),
    );
    expect(enrolled.nodes[0]!.publicKeys).toEqual([first]);
    expect(replaced.nodes[0]!.publicKeys).toEqual([second]);
    expect(replaced.nodes[2]!.publicKeys).toEqual([first]);
    expect(replaced.nodes[1]!.publicKeys).toEqual([]);
    expect(registry.nodes[0]!.publicKeys).toEqual([]);
  });

  it("keeps a previous enrolment's key history while the current key is still in it", () => {
    const old = generateNodeKey().publicKey;
    const current = generateNodeKey().publicKey;
    const previous = structuredClone(registry);
    previous.nodes[0]!.publicKeys = [old, current];
    previous.nodes[0]!.keyWindows = [{ key: old, revokedAt: '2026-11-28T12:00:00.000Z' }];
    const again = enrolKeys(registry, new Map([['tj-border', current]]), previous);
    expect(again.nodes[0]!.publicKeys).toEqual([old, current]);
    expect(again.nodes[0]!.keyWindows).toEqual(previous.nodes[0]!.keyWindows);
    const fresh = generateNodeKey().publicKey;
    const replaced = enrolKeys(registry, new Map([['tj-border', fresh]]), previous);
    expect(replaced.nodes[0]!.publicKeys).toEqual([fresh]);
    expect(replaced.nodes[0]!.keyWindows).toBeUndefined();
  });

  it('refuses a node that is not in the registry', () => {
    expect(() => enrolKeys(registry, new Map([['ghost', generateNodeKey().publicKey]]))).toThrow(
      expect.objectContaining({ name: 'RegistryError', problems: ['node "ghost": not in the registry'] }),
    );
  });

  it('refuses a malformed key and a key given to two nodes', () => {
    const key = generateNodeKey().publicKey;
    expect(() => enrolKeys(registry, new Map([['hub', 'SUABC']]))).toThrow(RegistryError);
    expect(() =>
      enrolKeys(
        registry,
        new Map([
          ['tj-border', key],
          ['unodc', key],
        ]),
      ),
    ).toThrow(/already enrolled for "tj-border"/);
  });
});
