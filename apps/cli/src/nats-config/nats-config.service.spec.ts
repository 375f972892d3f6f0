import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
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

const customsKey = generateNodeKey();
const tjKey = generateNodeKey();
// kz-border and kz-customs form site kz; tj-border is on the hub's server.
const sites: Registry = {
  ...registry,
  nodes: [
    registry.nodes[0]!,
    { ...registry.nodes[1]!, country: 'KZ' },
    {
      id: 'kz-customs',
      name: 'KZ customs',
      kind: 'customs',
      organisation: 'org',
      country: 'KZ',
      publicKeys: [customsKey.publicKey],
      subscriptions: [],
    },
    {
      id: 'tj-border',
      name: 'TJ',
      kind: 'border',
      organisation: 'org',
      country: 'TJ',
      publicKeys: [tjKey.publicKey],
      subscriptions: [],
    },
  ],
};
const secret = 'kz-leaf-secret-0123456789abcdef';
const leafSecrets = new Map([['kz', secret]]);

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

describe('natsConfigOf with national sites', () => {
  it('gives the hub a leaf listener, JetStream domain hub and one leaf user per site', () => {
    const config = natsConfigOf(sites, { leafListen: '0.0.0.0:7422', leafSites: ['kz'], leafSecrets });
    expect(config.text).toContain('jetstream {\n  domain: "hub"\n}');
    expect(config.text).toContain('leafnodes {\n  listen: "0.0.0.0:7422"\n}');
    expect(config.text).toContain(
      `    # leaf server of site kz\n    {\n      user: "leaf-kz"\n      password: "${secret}"\n` +
        '      allowed_connection_types: ["LEAFNODE"]\n',
    );
    expect(config.text).toContain('"$JS.hub.API.CONSUMER.MSG.NEXT.BL_DELIVERY.node-kz-customs"');
    // The hub keeps every node's own user, so any node may still connect to it directly.
    expect(config.users).toBe(4);
    expect(config.secret).toBe(true);
  });

  it("gives a site's leaf server its own domain, a remote to the hub and its own nodes", () => {
    const config = natsConfigOf(sites, {
      site: 'kz',
      hubUrl: 'nats-leaf://hub.example:7422',
      storeDir: '/var/lib/nats-kz',
      leafSecrets,
    });
    expect(config.text).toContain('jetstream {\n  domain: "kz"\n  store_dir: "/var/lib/nats-kz"\n}');
    expect(config.text).toContain(
      `leafnodes {\n  remotes = [\n    { url: "nats-leaf://leaf-kz:${secret}@hub.example:7422" }\n  ]\n}`,
    );
    expect(config.text).toContain(`nkey: "${customsKey.publicKey}"`);
    expect(config.text).not.toContain(tjKey.publicKey);
    expect(config.text).not.toContain(hubKey.publicKey);
    expect(config.text).toContain('"bl.site.kz-customs.>"');
    expect([config.users, config.secret]).toEqual([2, true]);
  });

  it('refuses options that do not go together and sites without nodes', () => {
    const cases = [
      { site: 'kz', leafSecrets },
      { site: 'kz', hubUrl: 'nats://hub:4222', leafSecrets },
      { site: 'uz', hubUrl: 'nats-leaf://hub:7422', leafSecrets },
      { site: 'kz', hubUrl: 'nats-leaf://hub:7422', leafListen: '0.0.0.0:7422', leafSecrets },
      { leafListen: '0.0.0.0:7422' },
      { leafSites: ['kz'], leafSecrets },
    ];
    for (const options of cases) expect(() => natsConfigOf(sites, options)).toThrow(UsageError);
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

  it("renders the hub's and a site's configuration with one shared leaf secret, kept owner-only", async () => {
    const file = join(dir, 'registry.yaml');
    const secrets = join(dir, 'leaf-secrets');
    writeFileSync(file, stringifyRegistry(sites));
    const io = { out: () => undefined, err: () => undefined };
    const common = ['--registry', file, '--leaf-secrets', secrets];
    const hubOut = join(dir, 'hub.conf');
    const siteOut = join(dir, 'kz.conf');
    expect(
      await runCli(
        ['nats-config', ...common, '--leaf-listen', '0.0.0.0:7422', '--leaf-site', 'kz', '--out', hubOut],
        io,
      ),
    ).toBe(0);
    expect(
      await runCli(
        ['nats-config', ...common, '--site', 'kz', '--hub-url', 'nats-leaf://hub:7422', '--out', siteOut],
        io,
      ),
    ).toBe(0);
    const shared = readFileSync(join(secrets, 'kz.leaf'), 'utf8').trim();
    expect(shared).toMatch(/^[\w-]{43}$/);
    expect(readFileSync(hubOut, 'utf8')).toContain(`password: "${shared}"`);
    expect(readFileSync(siteOut, 'utf8')).toContain(`nats-leaf://leaf-kz:${shared}@hub:7422`);
    for (const secretFile of [hubOut, siteOut, join(secrets, 'kz.leaf')])
      expect(statSync(secretFile).mode & 0o777).toBe(0o600);
  });
});
