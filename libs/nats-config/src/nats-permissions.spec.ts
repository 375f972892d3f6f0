import {
  hubPermissions,
  leafPermissions,
  nodeCapabilities,
  nodePermissions,
  siteNodePermissions,
} from './nats-permissions.js';

describe('nodeCapabilities', () => {
  it("names a node's own ingress, heartbeat, consumers, acks, dead letters and rebuild request, and nothing of another's", () => {
    expect(nodeCapabilities('kz-border')).toEqual([
      { subject: 'bl.in.kz-border.>' },
      { subject: 'bl.hb.kz-border' },
      {
        subject: '$JS.API.CONSUMER.INFO.BL_DELIVERY.node-kz-border',
        as: '$JS.hub.API.CONSUMER.INFO.BL_DELIVERY.node-kz-border',
      },
      {
        subject: '$JS.API.CONSUMER.MSG.NEXT.BL_DELIVERY.node-kz-border',
        as: '$JS.hub.API.CONSUMER.MSG.NEXT.BL_DELIVERY.node-kz-border',
        streamed: true,
      },
      { subject: '$JS.ACK.BL_DELIVERY.node-kz-border.>' },
      { subject: 'bl.dlq.bl_delivery.node-kz-border' },
      { subject: 'bl.ctl.rebuild.kz-border' },
      {
        subject: '$JS.API.CONSUMER.INFO.BL_DELIVERY.rebuild-kz-border',
        as: '$JS.hub.API.CONSUMER.INFO.BL_DELIVERY.rebuild-kz-border',
      },
      {
        subject: '$JS.API.CONSUMER.MSG.NEXT.BL_DELIVERY.rebuild-kz-border',
        as: '$JS.hub.API.CONSUMER.MSG.NEXT.BL_DELIVERY.rebuild-kz-border',
        streamed: true,
      },
      { subject: '$JS.ACK.BL_DELIVERY.rebuild-kz-border.>' },
    ]);
  });

  it('never grants a wildcard over other nodes, account information or consumer creation', () => {
    for (const { subject, as } of nodeCapabilities('kz-border')) {
      for (const name of [subject, as ?? subject]) {
        expect(name).not.toMatch(
          /^(>|bl\.>|bl\.out\.|bl\.audit|bl\.groups|\$JS\.(hub\.)?API\.(>|INFO|STREAM|CONSUMER\.CREATE|CONSUMER\.DURABLE)|_INBOX)/,
        );
        expect(name).toContain('kz-border');
      }
    }
  });
});

describe('nodePermissions', () => {
  it('publishes each capability as the node names it and receives under its own inbox prefix only', () => {
    const { publish, subscribe } = nodePermissions('kz-border');
    expect(publish).toEqual(nodeCapabilities('kz-border').map(({ subject, as }) => as ?? subject));
    expect(publish.filter((subject) => subject.startsWith('$JS.API'))).toEqual([]);
    expect(subscribe).toEqual(['_INBOX_kz-border.>']);
  });
});

describe('site permissions', () => {
  const site = ['kz-border', 'kz-customs'];

  it("lets a site node send on its peers' fast path and read only its own", () => {
    const { publish, subscribe } = siteNodePermissions('kz-border', site);
    expect(publish).toContain('bl.site.kz-customs.>');
    expect(publish).not.toContain('bl.site.kz-border.>');
    expect(subscribe).toEqual(['_INBOX_kz-border.>', 'bl.site.kz-border.>']);
  });

  it("lets a node account's leaf connection carry its hub traffic and no fast path", () => {
    const leaf = leafPermissions('kz-border');
    expect(leaf).toEqual(nodePermissions('kz-border'));
    expect([...leaf.publish, ...leaf.subscribe].filter((subject) => subject.startsWith('bl.site.'))).toEqual(
      [],
    );
  });
});

describe('hubPermissions', () => {
  const { publish, subscribe } = hubPermissions('hub');

  it('may create every stream but update, delete or purge none of the append-only audit', () => {
    expect(publish).toContain('$JS.API.STREAM.CREATE.*');
    expect(publish).toContain('$JS.API.STREAM.UPDATE.BL_INGRESS');
    expect(publish).toContain('$JS.API.STREAM.UPDATE.BL_GROUPS');
    expect(publish).not.toContain('$JS.API.STREAM.UPDATE.BL_AUDIT');
    expect(publish).not.toContain('$JS.API.>');
    expect(publish.filter((subject) => /DELETE|PURGE|RESTORE|ACCOUNT/.test(subject))).toEqual([]);
  });

  it('writes deliveries, audit, dead letters, groups and control, and hears requests and heartbeats', () => {
    for (const subject of ['bl.out.>', 'bl.audit.>', 'bl.dlq.>', 'bl.groups.>', 'bl.ctl.>', '$JS.ACK.>'])
      expect(publish).toContain(subject);
    expect(publish).not.toContain('bl.in.>');
    expect(subscribe).toEqual(['_INBOX_hub.>', 'bl.ctl.>', 'bl.hb.>']);
  });

  it("publishes its own heartbeat and no one else's", () => {
    expect(publish).toContain('bl.hb.hub');
    expect(publish.filter((subject) => subject.startsWith('bl.hb.'))).toEqual(['bl.hb.hub']);
  });
});
