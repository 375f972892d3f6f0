import { customsKey, hubKey, nodeKey, registry, sites, tjKey } from '../test/nats-config.fixtures.js';
import { NatsConfigError } from './nats-config.errors.js';
import { natsConfigOf } from './nats-config.service.js';

const secret = 'kz-leaf-secret-0123456789abcdef';
const leafSecrets = new Map([['kz', secret]]);
const tls = { certFile: '/tls/nats.pem', keyFile: '/tls/nats-key.pem', caFile: '/tls/ca.pem' };

describe('natsConfigOf', () => {
  it('writes listen, TLS, JetStream and the accounts with their nkey users and quoted lists', () => {
    const config = natsConfigOf(registry, { tls, listen: '127.0.0.1:4222', storeDir: '/var/lib/nats' });
    expect(config.users).toBe(2);
    expect(config.nodesWithoutKeys).toEqual(['unodc']);
    expect(config.text).toContain('listen: "127.0.0.1:4222"');
    expect(config.text).toContain(
      'tls {\n  cert_file: "/tls/nats.pem"\n  key_file: "/tls/nats-key.pem"\n  timeout: 5\n}',
    );
    expect(config.text).toContain('jetstream {\n  store_dir: "/var/lib/nats"\n}');
    expect(config.text).toContain('  "HUB": {\n    jetstream: enabled\n');
    expect(config.text).toContain(`nkey: "${nodeKey.publicKey}"`);
    expect(config.text).toContain('subscribe: { allow: ["_INBOX_kz-border.>"] }');
    expect(config.text).toContain(
      '{ service: "$JS.API.CONSUMER.MSG.NEXT.BL_DELIVERY.node-kz-border", accounts: ["kz-border"], response_type: "stream" }',
    );
    expect(config.text).toContain(
      '{ service: { account: "HUB", subject: "$JS.API.CONSUMER.INFO.BL_DELIVERY.node-kz-border" }, to: "$JS.hub.API.CONSUMER.INFO.BL_DELIVERY.node-kz-border" }',
    );
    // No server domain: `hub` is what the nodes' imports call the hub account's API.
    expect(config.text).not.toContain('domain');
    // The same registry always gives the same text, so a reload is a no-op when nothing changed.
    expect(natsConfigOf(registry, { tls, listen: '127.0.0.1:4222', storeDir: '/var/lib/nats' }).text).toBe(
      config.text,
    );
  });

  it('adds monitoring, fsync-always and client certificates when asked', () => {
    const config = natsConfigOf(registry, {
      tls: { ...tls, verifyClients: true },
      storeDir: '/data',
      monitor: '0.0.0.0:8222',
      syncAlways: true,
    });
    expect(config.text).toContain('http: "0.0.0.0:8222"');
    expect(config.text).toContain('jetstream {\n  store_dir: "/data"\n  sync_interval: always\n}');
    expect(config.text).toContain('  ca_file: "/tls/ca.pem"\n  verify: true\n');
  });

  it('refuses a malformed address or operator key, and a server without TLS', () => {
    expect(() => natsConfigOf(registry, { tls, listen: 'localhost' })).toThrow(NatsConfigError);
    expect(() => natsConfigOf(registry, { tls, monitor: '8222' })).toThrow(NatsConfigError);
    expect(() => natsConfigOf(registry, { tls, operatorKeys: ['not-a-key'] })).toThrow(NatsConfigError);
    expect(() => natsConfigOf(registry, { tls: { certFile: '', keyFile: '' } })).toThrow(/--tls-cert/);
    expect(() =>
      natsConfigOf(registry, { tls: { certFile: 'c', keyFile: 'k', verifyClients: true } }),
    ).toThrow(/--tls-ca/);
  });
});

describe('natsConfigOf with national sites', () => {
  it('gives the hub a TLS leaf listener and a leaf user in each account of the site', () => {
    const config = natsConfigOf(sites, { tls, leafListen: '0.0.0.0:7422', leafSites: ['kz'], leafSecrets });
    expect(config.text).toContain(
      'leafnodes {\n  listen: "0.0.0.0:7422"\n  tls {\n    cert_file: "/tls/nats.pem"\n    key_file: "/tls/nats-key.pem"\n    timeout: 5\n  }\n}',
    );
    for (const node of ['kz-border', 'kz-customs'])
      expect(config.text).toContain(
        `      # leaf connection from site kz\n      {\n        user: "leaf-${node}"\n        password: "${secret}"\n` +
          '        allowed_connection_types: ["LEAFNODE"]\n',
      );
    expect(config.text).not.toContain('leaf-tj-border');
    // The hub keeps every node's own user, so any node may still connect to it directly.
    expect(config.users).toBe(4);
    expect(config.secret).toBe(true);
  });

  it("gives a site's leaf server its nodes' accounts, one TLS remote each, and no JetStream", () => {
    const config = natsConfigOf(sites, { tls, site: 'kz', hubUrl: 'tls://hub.example:7422', leafSecrets });
    expect(config.text).not.toContain('jetstream');
    for (const node of ['kz-border', 'kz-customs'])
      expect(config.text).toContain(
        `    {\n      url: "tls://leaf-${node}:${secret}@hub.example:7422"\n      account: "${node}"\n` +
          '      tls {\n        ca_file: "/tls/ca.pem"\n        timeout: 5\n      }\n    }',
      );
    expect(config.text).toContain(`nkey: "${customsKey.publicKey}"`);
    expect(config.text).not.toContain(tjKey.publicKey);
    expect(config.text).not.toContain(hubKey.publicKey);
    expect(config.text).toContain('{ service: { account: "kz-customs", subject: "bl.site.kz-customs.>" } }');
    expect([config.users, config.secret]).toEqual([2, true]);
    // nats-leaf:// is read as the same address, over TLS all the same.
    const legacy = natsConfigOf(sites, {
      tls,
      site: 'kz',
      hubUrl: 'nats-leaf://hub.example:7422',
      leafSecrets,
    });
    expect(legacy.text).toBe(config.text);
  });

  it('refuses options that do not go together and sites without nodes', () => {
    const cases = [
      { site: 'kz', leafSecrets },
      { site: 'kz', hubUrl: 'nats://hub:4222', leafSecrets },
      { site: 'uz', hubUrl: 'tls://hub:7422', leafSecrets },
      { site: 'kz', hubUrl: 'tls://hub:7422', leafListen: '0.0.0.0:7422', leafSecrets },
      { site: 'kz', hubUrl: 'tls://hub:7422', storeDir: '/data', leafSecrets },
      { site: 'kz', hubUrl: 'tls://hub:7422', operatorKeys: [hubKey.publicKey], leafSecrets },
      { leafListen: '0.0.0.0:7422' },
      { leafSites: ['kz'], leafSecrets },
    ];
    for (const options of cases)
      expect(() => natsConfigOf(sites, { tls, ...options })).toThrow(NatsConfigError);
    const withoutCa = { certFile: 'c', keyFile: 'k' };
    expect(() =>
      natsConfigOf(sites, { tls: withoutCa, site: 'kz', hubUrl: 'tls://hub:7422', leafSecrets }),
    ).toThrow(/--tls-ca/);
  });
});
