import { generateNodeKey } from '#trust';
import type { Registry, RegistryNode } from '#registry';
import { HUB_ACCOUNT, hubAccounts, siteAccounts } from './nats-accounts.js';
import {
  hubPermissions,
  nodeCapabilities,
  nodePermissions,
  siteNodePermissions,
} from './nats-permissions.js';

const node = (
  id: string,
  kind: RegistryNode['kind'],
  publicKeys: string[],
  extra: Partial<RegistryNode> = {},
): RegistryNode => ({ id, name: id, kind, organisation: 'org', publicKeys, subscriptions: [], ...extra });

const registryOf = (...nodes: RegistryNode[]): Registry => ({
  version: 1,
  regions: [],
  sections: [],
  crossingPoints: [],
  organisations: [{ id: 'org', name: 'Org' }],
  nodes,
});

describe('hubAccounts', () => {
  const [a, rotated, hubKey, operator, customs] = [
    generateNodeKey(),
    generateNodeKey(),
    generateNodeKey(),
    generateNodeKey(),
    generateNodeKey(),
  ];
  const registry = registryOf(
    node('hub', 'hub', [hubKey.publicKey]),
    node('kz-border', 'border', [a.publicKey, rotated.publicKey], { country: 'KZ' }),
    node('kz-customs', 'customs', [customs.publicKey], { country: 'KZ' }),
    node('unodc', 'partner', []),
  );

  it("keeps the streams, the hub's keys and the operators in HUB, and every node in an account of its own", () => {
    const [hub, ...nodes] = hubAccounts(registry, { operatorKeys: [operator.publicKey] });
    expect(hub).toMatchObject({ name: HUB_ACCOUNT, jetstream: true, imports: [] });
    expect(hub!.users.map((user) => [user.owner, user.nkey])).toEqual([
      ['hub', hubKey.publicKey],
      ['operator', operator.publicKey],
    ]);
    expect(hub!.users[0]!.permissions).toEqual(hubPermissions('hub'));
    expect(nodes.map((account) => [account.name, account.jetstream, account.users.length])).toEqual([
      ['kz-border', false, 2],
      ['kz-customs', false, 1],
      ['unodc', false, 0],
    ]);
    expect(nodes[0]!.users[1]).toEqual({
      nkey: rotated.publicKey,
      owner: 'kz-border',
      permissions: nodePermissions('kz-border'),
    });
  });

  it("exports each node's capabilities to that node's account alone, which imports exactly them", () => {
    const [hub, kzBorder] = hubAccounts(registry);
    const capabilities = nodeCapabilities('kz-border');
    expect(hub!.exports.filter((service) => service.account === 'kz-border')).toEqual(
      capabilities.map(({ subject, streamed }) => ({
        subject,
        account: 'kz-border',
        ...(streamed ? { streamed } : {}),
      })),
    );
    expect(kzBorder!.imports).toEqual(
      capabilities.map(({ subject, as }) => ({ account: HUB_ACCOUNT, subject, ...(as ? { as } : {}) })),
    );
    // Every export names one account, and no subject is exported to two.
    const subjects = hub!.exports.map((service) => service.subject);
    expect(new Set(subjects).size).toBe(subjects.length);
  });

  it('gives a leaf user to each node account of a site that may connect, with the site secret', () => {
    const accounts = hubAccounts(registry, { leafSites: new Map([['kz', 'secret-of-kz-0123456789']]) });
    expect(accounts.map((account) => account.leafUsers.map((user) => user.user))).toEqual([
      [],
      ['leaf-kz-border'],
      ['leaf-kz-customs'],
      [],
    ]);
    expect(accounts[1]!.leafUsers[0]).toMatchObject({ password: 'secret-of-kz-0123456789', site: 'kz' });
  });

  it('gives no user to a key revoked by then, and keeps one revoked later', () => {
    const revoking = registryOf(
      node('kz-border', 'border', [a.publicKey, rotated.publicKey], {
        keyWindows: [
          { key: a.publicKey, revokedAt: '2026-01-01T00:00:00Z' },
          { key: rotated.publicKey, revokedAt: '2026-06-01T00:00:00Z' },
        ],
      }),
    );
    const [, kzBorder] = hubAccounts(revoking, { now: new Date('2026-03-01T00:00:00Z') });
    expect(kzBorder!.users.map((user) => user.nkey)).toEqual([rotated.publicKey]);
  });
});

describe('siteAccounts', () => {
  const [kz, customs, tj] = [generateNodeKey(), generateNodeKey(), generateNodeKey()];
  const registry = registryOf(
    node('kz-border', 'border', [kz.publicKey], { country: 'KZ' }),
    node('kz-customs', 'customs', [customs.publicKey], { country: 'KZ' }),
    node('tj-border', 'border', [tj.publicKey], { country: 'TJ' }),
  );

  it("holds the site's nodes only, each serving its own fast path to its peers and taking theirs", () => {
    const accounts = siteAccounts(registry, 'kz');
    expect(accounts.map((account) => account.name)).toEqual(['kz-border', 'kz-customs']);
    expect(accounts[0]).toMatchObject({
      jetstream: false,
      exports: [{ subject: 'bl.site.kz-border.>', account: 'kz-customs' }],
      imports: [{ account: 'kz-customs', subject: 'bl.site.kz-customs.>' }],
    });
    expect(accounts[0]!.users).toEqual([
      {
        nkey: kz.publicKey,
        owner: 'kz-border',
        permissions: siteNodePermissions('kz-border', ['kz-border', 'kz-customs']),
      },
    ]);
  });
});
