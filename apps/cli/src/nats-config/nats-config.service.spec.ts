import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringifyRegistry, type Registry } from '#registry';
import { generateNodeKey } from '#trust';
import { runCli } from '../program.js';
import { UsageError } from '../usage.error.js';
import { natsConfigOf } from './nats-config.service.js';

const hubKey = generateNodeKey();
const nodeKey = generateNodeKey();
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
    {
      id: 'kz-border',
      name: 'KZ',
      kind: 'border',
      organisation: 'org',
      publicKeys: [nodeKey.publicKey],
      subscriptions: [],
    },
    { id: 'unodc', name: 'UNODC', kind: 'partner', organisation: 'org', publicKeys: [], subscriptions: [] },
  ],
};

describe('natsConfigOf', () => {
  it('writes listen, JetStream and one nkey user per key with quoted allow-lists', () => {
    const config = natsConfigOf(registry, { listen: '127.0.0.1:4222', storeDir: '/var/lib/nats' });
    expect(config.users).toBe(2);
    expect(config.nodesWithoutKeys).toEqual(['unodc']);
    expect(config.text).toContain('listen: "127.0.0.1:4222"');
    expect(config.text).toContain('jetstream {\n  store_dir: "/var/lib/nats"\n}');
    expect(config.text).toContain(`nkey: "${nodeKey.publicKey}"`);
    expect(config.text).toContain('subscribe: { allow: ["_INBOX_kz-border.>"] }');
    expect(config.text).toContain('"$JS.API.CONSUMER.MSG.NEXT.BL_DELIVERY.node-kz-border"');
    // The same registry always gives the same text, so a reload is a no-op when nothing changed.
    expect(natsConfigOf(registry, { listen: '127.0.0.1:4222', storeDir: '/var/lib/nats' }).text).toBe(
      config.text,
    );
  });

  it('adds monitoring and fsync-always for a single-server deployment', () => {
    const config = natsConfigOf(registry, { storeDir: '/data', monitor: '0.0.0.0:8222', syncAlways: true });
    expect(config.text).toContain('http: "0.0.0.0:8222"');
    expect(config.text).toContain('jetstream {\n  store_dir: "/data"\n  sync_interval: always\n}');
  });

  it('refuses a malformed listen or monitoring address or operator key', () => {
    expect(() => natsConfigOf(registry, { listen: 'localhost' })).toThrow(UsageError);
    expect(() => natsConfigOf(registry, { monitor: '8222' })).toThrow(UsageError);
    expect(() => natsConfigOf(registry, { operatorKeys: ['not-a-key'] })).toThrow(UsageError);
  });
});

describe('borderlink nats-config', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'borderlink-nats-config-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the configuration of an enrolled registry and warns about nodes without keys', async () => {
    const file = join(dir, 'registry.yaml');
    const out = join(dir, 'nats.conf');
    writeFileSync(file, stringifyRegistry(registry));
    let stdout = '';
    let stderr = '';
    const code = await runCli(
      ['nats-config', '--registry', file, '--out', out, '--operator-key', generateNodeKey().publicKey],
      {
        out: (text) => (stdout += text),
        err: (text) => (stderr += text),
      },
    );
    expect(code).toBe(0);
    expect(stdout).toBe(`Wrote ${out}: 3 nkey users from ${file}.\n`);
    expect(stderr).toMatch(/no usable public key, so no NATS user, for: unodc/);
    expect(readFileSync(out, 'utf8')).toContain(`nkey: "${hubKey.publicKey}"`);
  });
});
