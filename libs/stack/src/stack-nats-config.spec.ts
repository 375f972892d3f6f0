import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Registry } from '#registry';
import { generateNodeKey, NodeSigner } from '#trust';
import { stackNatsConfig } from './stack-nats-config.js';
import { stackPaths } from './stack-paths.js';

const hubKey = generateNodeKey();
const registry: Registry = {
  version: 1,
  regions: [],
  sections: [],
  crossingPoints: [],
  organisations: [{ id: 'org', name: 'Org' }],
  nodes: [
    {
      id: 'hub',
      name: 'Hub',
      kind: 'hub',
      organisation: 'org',
      publicKeys: [hubKey.publicKey],
      subscriptions: [],
    },
  ],
};

const tls = { caFile: '/data/tls/ca.pem', certFile: '/data/tls/nats.pem', keyFile: '/data/tls/nats-key.pem' };

describe('stackNatsConfig', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'bl-stack-nats-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('creates the operator seed once, keeps it private, and lets the harness place the store', async () => {
    const paths = stackPaths(dir);
    const first = await stackNatsConfig(registry, paths, tls);
    const operator = NodeSigner.fromSeed(readFileSync(paths.operatorSeed, 'utf8')).publicKey;
    expect(statSync(paths.operatorSeed).mode & 0o077).toBe(0);
    expect(first).toContain(`nkey: "${operator}"`);
    expect(first).toContain(`nkey: "${hubKey.publicKey}"`);
    expect(first).toContain('store_dir: "{{storeDir}}"');
    expect(first).toContain('cert_file: "/data/tls/nats.pem"');
    expect(await stackNatsConfig(registry, paths, tls)).toBe(first);
  });

  it('adds a loopback monitoring listener for the console when asked, and none otherwise', async () => {
    const paths = stackPaths(dir);
    expect(await stackNatsConfig(registry, paths, tls)).not.toMatch(/^http:/m);
    expect(await stackNatsConfig(registry, paths, tls, undefined, '127.0.0.1:18222')).toMatch(
      /^http: "127\.0\.0\.1:18222"$/m,
    );
  });
});
