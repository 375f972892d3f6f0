import { generateNodeKey } from '#trust';
import type { Registry, RegistryNode } from '#registry';
import {
  hubPermissions,
  leafPermissions,
  natsUsers,
  nodePermissions,
  siteNodePermissions,
} from './nats-permissions.js';

const node = (
  id: string,
  kind: RegistryNode['kind'],
  publicKeys: string[],
  extra: Partial<RegistryNode> = {},
): RegistryNode => ({
  id,
  name: id,
  kind,
  organisation: 'org',
  publicKeys,
  subscriptions: [],
  ...extra,
});

const registryOf = (...nodes: RegistryNode[]): Registry => ({
  version: 1,
  regions: [],
  sections: [],
  crossingPoints: [],
  organisations: [{ id: 'org', name: 'Org' }],
  nodes,
});

describe('nodePermissions', () => {
  it("allows a node its own ingress, heartbeat, consumer, acks, dead letters and inbox, and nothing of another's", () => {
    expect(nodePermissions('kz-border')).toEqual({
      publish: [
        'bl.in.kz-border.>',
        'bl.hb.kz-border',
        '$JS.API.INFO',
        '$JS.API.CONSUMER.INFO.BL_DELIVERY.node-kz-border',
        '$JS.API.CONSUMER.MSG.NEXT.BL_DELIVERY.node-kz-border',
        '$JS.ACK.BL_DELIVERY.node-kz-border.>',
        'bl.dlq.bl_delivery.node-kz-border',
        'bl.ctl.rebuild.kz-border',
        '$JS.API.CONSUMER.INFO.BL_DELIVERY.rebuild-kz-border',
        '$JS.API.CONSUMER.MSG.NEXT.BL_DELIVERY.rebuild-kz-border',
        '$JS.ACK.BL_DELIVERY.rebuild-kz-border.>',
      ],
      subscribe: ['_INBOX_kz-border.>'],
    });
  });

  it('never grants a wildcard over other nodes or consumer creation', () => {
    const { publish, subscribe } = nodePermissions('kz-border');
    for (const subject of [...publish, ...subscribe]) {
      expect(subject).not.toMatch(/^(>|bl\.>|bl\.out\.|\$JS\.API\.>|\$JS\.API\.CONSUMER\.CREATE|_INBOX\.)/);
    }
  });
});

describe('natsUsers', () => {
  const [a, rotated, hubKey, operator] = [
    generateNodeKey(),
    generateNodeKey(),
    generateNodeKey(),
    generateNodeKey(),
  ];

  it('makes one user per key, hub permissions for the hub, and adds the operators', () => {
    const users = natsUsers(
      registryOf(
        node('hub', 'hub', [hubKey.publicKey]),
        node('kz-border', 'border', [a.publicKey, rotated.publicKey]),
      ),
      { operatorKeys: [operator.publicKey] },
    );
    expect(users.map((user) => [user.owner, user.nkey])).toEqual([
      ['hub', hubKey.publicKey],
      ['kz-border', a.publicKey],
      ['kz-border', rotated.publicKey],
      ['operator', operator.publicKey],
    ]);
    expect(users[0]!.permissions).toEqual(hubPermissions('hub'));
    expect(users[2]!.permissions).toEqual(nodePermissions('kz-border'));
    expect(users[3]!.permissions).toEqual({ publish: ['>'], subscribe: ['>'] });
  });

  it('gives no user to a key revoked by then, and keeps one revoked later', () => {
    const registry = registryOf(
      node('kz-border', 'border', [a.publicKey, rotated.publicKey], {
        keyWindows: [
          { key: a.publicKey, revokedAt: '2026-01-01T00:00:00Z' },
          { key: rotated.publicKey, revokedAt: '2026-06-01T00:00:00Z' },
        ],
      }),
    );
    const users = natsUsers(registry, { now: new Date('2026-03-01T00:00:00Z') });
    expect(users.map((user) => user.nkey)).toEqual([rotated.publicKey]);
  });
});

describe('site permissions', () => {
  const site = ['kz-border', 'kz-customs'];

  it("reaches the hub's JetStream API through its domain, acks without one", () => {
    const { publish } = nodePermissions('kz-border', { jsDomain: 'hub' });
    expect(publish).toContain('$JS.hub.API.CONSUMER.MSG.NEXT.BL_DELIVERY.node-kz-border');
    expect(publish).toContain('$JS.hub.API.INFO');
    expect(publish).toContain('$JS.ACK.BL_DELIVERY.node-kz-border.>');
    expect(publish.filter((subject) => subject.startsWith('$JS.API'))).toEqual([]);
  });

  it("lets a site node send on its peers' fast path and read only its own", () => {
    const { publish, subscribe } = siteNodePermissions('kz-border', site);
    expect(publish).toContain('bl.site.kz-customs.>');
    expect(publish).not.toContain('bl.site.kz-border.>');
    expect(subscribe).toEqual(['_INBOX_kz-border.>', 'bl.site.kz-border.>']);
  });

  it("lets the site's leaf connection carry its nodes' hub traffic and no fast path", () => {
    const leaf = leafPermissions(site);
    expect(leaf.publish).toEqual([
      ...nodePermissions('kz-border', { jsDomain: 'hub' }).publish,
      ...nodePermissions('kz-customs', { jsDomain: 'hub' }).publish,
    ]);
    expect(leaf.subscribe).toEqual(['_INBOX_kz-border.>', '_INBOX_kz-customs.>']);
    expect([...leaf.publish, ...leaf.subscribe].filter((subject) => subject.startsWith('bl.site.'))).toEqual(
      [],
    );
  });

  it("gives a site's leaf server the users of its own nodes only", () => {
    const [kz, tj, operator] = [generateNodeKey(), generateNodeKey(), generateNodeKey()];
    const users = natsUsers(
      registryOf(
        node('kz-border', 'border', [kz.publicKey], { country: 'KZ' }),
        node('tj-border', 'border', [tj.publicKey], { country: 'TJ' }),
      ),
      { site: 'kz', operatorKeys: [operator.publicKey] },
    );
    expect(users.map((user) => user.owner)).toEqual(['kz-border', 'operator']);
    expect(users[0]!.permissions).toEqual(siteNodePermissions('kz-border', ['kz-border']));
  });
});
