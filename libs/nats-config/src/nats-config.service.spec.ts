import { customsKey, hubKey, nodeKey, registry, sites, tjKey } from '../test/nats-config.fixtures.js';
import { NatsConfigError } from './nats-config.errors.js';
import { natsConfigOf } from './nats-config.service.js';

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
    expect(() => natsConfigOf(registry, { listen: 'localhost' })).toThrow(NatsConfigError);
    expect(() => natsConfigOf(registry, { monitor: '8222' })).toThrow(NatsConfigError);
    expect(() => natsConfigOf(registry, { operatorKeys: ['not-a-key'] })).toThrow(NatsConfigError);
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
    for (const options of cases) expect(() => natsConfigOf(sites, options)).toThrow(NatsConfigError);
  });
});
