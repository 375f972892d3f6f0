import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RegistryIndex } from '#registry';
import { generateNodeKey } from '#trust';
import { fixtureKeys, fixtureRegistry } from '../../test/node.fixtures.js';
import { NodeIdentityError } from './identity.errors.js';
import { loadNodeSigner } from './node-signer.js';

describe('loading the node signer', () => {
  const keys = fixtureKeys();
  const registry = new RegistryIndex(fixtureRegistry(keys));
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-node-seed-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const seedFile = (name: string, text: string) => {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
  };

  it('signs with the enrolled seed of the node', () => {
    const signer = loadNodeSigner('kz-border', seedFile('kz.nk', `${keys['kz-border'].seed}\n`), registry);
    expect(signer.publicKey).toBe(keys['kz-border'].publicKey);
  });

  it('refuses to start with a key the registry does not list for the node, naming both', () => {
    const path = seedFile('other.nk', generateNodeKey().seed);
    expect(() => loadNodeSigner('kz-border', path, registry)).toThrow(NodeIdentityError);
    expect(() => loadNodeSigner('kz-border', path, registry)).toThrow(
      /not among the registry's public keys of node kz-border/,
    );
  });

  it('refuses another node’s seed', () => {
    const path = seedFile('tj.nk', keys['tj-border'].seed);
    expect(() => loadNodeSigner('kz-border', path, registry)).toThrow(NodeIdentityError);
  });

  it('refuses a node the registry does not know', () => {
    expect(() => loadNodeSigner('ghost', seedFile('g.nk', keys['kz-border'].seed), registry)).toThrow(
      /not in the registry/,
    );
  });

  it('refuses a missing or garbled seed file', () => {
    expect(() => loadNodeSigner('kz-border', join(dir, 'absent.nk'), registry)).toThrow(
      /cannot read the node seed file/,
    );
    expect(() => loadNodeSigner('kz-border', seedFile('bad.nk', 'not a seed'), registry)).toThrow(
      /valid nkey user seed/,
    );
  });
});
