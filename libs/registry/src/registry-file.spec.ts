import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateNodeKey } from '#trust';
import { RegistryError } from './registry.errors.js';
import { loadRegistry, parseRegistry, stringifyRegistry } from './registry-file.js';
import { SMALL_REGISTRY_YAML } from '../test/registry.fixtures.js';

function problemsOf(text: string): string[] {
  try {
    parseRegistry(text, 'test.yaml');
  } catch (error) {
    if (error instanceof RegistryError) return error.problems;
    throw error;
  }
  throw new Error('expected a RegistryError');
}

describe('parseRegistry', () => {
  it('reads a valid registry, defaulting absent keys and subscriptions to empty lists', () => {
    const registry = parseRegistry(SMALL_REGISTRY_YAML);
    expect(registry.regions.map((r) => r.id)).toEqual(['afghan-border', 'caspian']);
    expect(registry.crossingPoints[0]).toEqual({
      id: 'panji-poyon',
      name: 'Panji Poyon',
      section: 'tj-af-panj',
      location: { lat: 37.2, lon: 68.58 },
    });
    const hub = registry.nodes.find((node) => node.id === 'hub');
    expect(hub).toEqual({
      id: 'hub',
      name: 'Hub',
      kind: 'hub',
      organisation: 'unodc',
      publicKeys: [],
      subscriptions: [],
    });
    expect(registry.nodes.find((node) => node.id === 'tj-border')?.country).toBe('TJ');
  });

  it('reports every consistency problem at once', () => {
    const text = SMALL_REGISTRY_YAML.replace('regions: [afghan-border] }', 'regions: [pamir] }')
      .replace('section: tj-af-panj', 'section: nowhere')
      .replace('lat: 37.2', 'lat: 97.2')
      .replace('lon: 68.58', 'lon: -181')
      .replace('organisation: tj-border-troops', 'organisation: kgb')
      .replace('country: TJ', 'country: tjk')
      .replace('publicKeys: []', 'publicKeys: [UNOTAKEY]')
      .replace('categories: [salw, drugs]', "categories: [salw, guns, '*']")
      .replace(
        '{ regions: [caspian], categories: [salw] }',
        '{ regions: [caspian, atlantis], categories: [] }',
      )
      .replace('{ id: unodc, name: UNODC }', '{ id: unodc, name: "  " }\n  - { id: UNODC, name: dup }')
      .replace('- id: hub', '- id: unodc');
    const problems = problemsOf(text);
    expect(problems).toEqual(
      expect.arrayContaining([
        'section "tj-af-panj": unknown region "pamir"',
        'crossing point "panji-poyon": unknown section "nowhere"',
        'crossing point "panji-poyon": latitude 97.2 is outside -90..90',
        'crossing point "panji-poyon": longitude -181 is outside -180..180',
        'organisation "unodc": name is missing',
        'organisation "UNODC": id must be lowercase letters, digits and "-", starting with a letter (max 63)',
        'node "unodc": duplicate id',
        'node "tj-border": unknown organisation "kgb"',
        'node "tj-border": country "tjk" is not an ISO 3166-1 alpha-2 code',
        'node "tj-border": "UNOTAKEY" is not an nkey user public key (U…)',
        'node "unodc" subscriptions[0]: unknown category "guns"',
        'node "unodc" subscriptions[1]: unknown region "atlantis"',
        'node "unodc" subscriptions[1]: needs at least one category',
      ]),
    );
    expect(problems).toHaveLength(13);
  });

  it('reports every shape problem with its path', () => {
    const text = `
version: 2
regions:
  - { id: afghan-border }
  - just-a-string
sections: {}
crossingPoints:
  - { id: x, name: X, section: s, location: { lat: north, lon: 1 } }
organisations: []
nodes:
  - { id: n, name: N, kind: embassy, organisation: o, publicKey: U, subscriptions: [{ regions: [1], categories: [] }] }
  - { id: m, name: M, kind: border, organisation: o, publicKeys: [], subscriptions: [], protocol: '2.0' }
extra: true
`;
    expect(problemsOf(text)).toEqual([
      '(top level): unknown key "extra"',
      'version: expected 1, found 2',
      'regions[0].name: missing',
      'regions[1]: expected a mapping',
      'sections: expected a list',
      'crossingPoints[0].location.lat: expected a number',
      'nodes[0]: unknown key "publicKey"',
      'nodes[0].kind: "embassy" is not one of border, customs, partner, service, hub',
      'nodes[0].subscriptions[0].regions[0]: expected a string',
      'nodes[1].protocol: "2.0" is not one of 1.0, 1.1',
    ]);
  });

  it('reports YAML syntax errors and duplicate keys', () => {
    expect(problemsOf('version: 1\nversion: 1\n')[0]).toMatch(/unique/i);
    expect(problemsOf('regions: [unclosed\n')).not.toHaveLength(0);
  });

  it('names the source in the error message', () => {
    expect(() => parseRegistry('version: 2', 'deploy/x.yaml')).toThrow(/^deploy\/x\.yaml: \d+ problems/);
  });
});

describe('stringifyRegistry', () => {
  it('writes YAML that parses back to the same registry', () => {
    const registry = parseRegistry(SMALL_REGISTRY_YAML);
    registry.nodes[0]!.publicKeys = [generateNodeKey().publicKey];
    expect(parseRegistry(stringifyRegistry(registry))).toEqual(registry);
  });

  it('writes short lists inline', () => {
    expect(stringifyRegistry(parseRegistry(SMALL_REGISTRY_YAML))).toContain('countries: [TJ, AF]');
  });
});

describe('loadRegistry', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'registry-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('reads and validates a file', () => {
    const path = join(dir, 'registry.yaml');
    writeFileSync(path, SMALL_REGISTRY_YAML);
    expect(loadRegistry(path).nodes).toHaveLength(3);
  });

  it('throws a RegistryError naming a missing file', () => {
    const path = join(dir, 'absent.yaml');
    expect(() => loadRegistry(path)).toThrow(RegistryError);
    expect(() => loadRegistry(path)).toThrow(path);
  });
});
