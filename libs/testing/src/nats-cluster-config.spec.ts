import { natsClusterConfig } from './nats-cluster-config.js';

const member = {
  serverName: 'bl-2',
  clusterName: 'bl',
  routePort: 6002,
  routes: ['nats-route://127.0.0.1:6001', 'nats-route://127.0.0.1:6002'],
  monitorPort: 8002,
  tls: { caFile: '/tls/ca.pem', certFile: '/tls/nats.pem', keyFile: '/tls/nats-key.pem' },
};

describe('natsClusterConfig', () => {
  it('names the member and routes it to every member on loopback', () => {
    const text = natsClusterConfig({ ...member, base: undefined });
    expect(text).toContain('server_name: "bl-2"');
    expect(text).toContain('listen: "127.0.0.1:6002"');
    expect(text).toContain('routes: ["nats-route://127.0.0.1:6001", "nats-route://127.0.0.1:6002"]');
    expect(text).toContain('http: "127.0.0.1:8002"');
    expect(text).toContain('jetstream { store_dir: "{{storeDir}}" }');
  });

  it('runs the routes over TLS, verifying the peer on both ends', () => {
    const text = natsClusterConfig({ ...member, base: undefined });
    expect(text).toContain(
      '  tls {\n    cert_file: "/tls/nats.pem"\n    key_file: "/tls/nats-key.pem"\n    ca_file: "/tls/ca.pem"\n    verify: true\n',
    );
  });

  it("keeps a shared config's own jetstream block when it places the store", () => {
    const base = 'jetstream {\n  max_mem: 1G\n  store_dir: "{{storeDir}}"\n}\n';
    const text = natsClusterConfig({ ...member, base });
    expect(text.startsWith(base)).toBe(true);
    expect(text.match(/jetstream/g)).toHaveLength(1);
  });
});
