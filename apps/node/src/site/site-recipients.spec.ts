import { create } from '@bufbuild/protobuf';
import { AlertSchema, Category, NoticeSchema, Tlp } from '#contracts';
import { RegistryIndex, type Registry, type RegistryNode } from '#registry';
import { isSiteKind, siteRecipients } from './site-recipients.js';

const node = (id: string, organisation: string, extra: Partial<RegistryNode> = {}): RegistryNode => ({
  id,
  name: id,
  kind: 'border',
  organisation,
  publicKeys: [],
  subscriptions: [],
  ...extra,
});

// kz-border and kz-customs (different organisations) and kz-police form site kz; kz-police subscribes
// to explosives on the kz-south region. tj-border is another site, unodc none.
const registry: Registry = {
  version: 1,
  regions: [{ id: 'kz-south', name: 'South' }],
  sections: [],
  crossingPoints: [],
  organisations: ['kz-bg', 'kz-cs', 'kz-mvd', 'tj-bg', 'un'].map((id) => ({ id, name: id })),
  nodes: [
    node('hub', 'un', { kind: 'hub', country: 'KZ' }),
    node('kz-border', 'kz-bg', { country: 'KZ' }),
    node('kz-customs', 'kz-cs', { kind: 'customs', country: 'KZ' }),
    node('kz-police', 'kz-mvd', {
      country: 'KZ',
      subscriptions: [{ regions: ['kz-south'], categories: ['explosives'] }],
    }),
    node('tj-border', 'tj-bg', { country: 'TJ' }),
    node('unodc', 'un', { kind: 'partner' }),
  ],
};
const index = new RegistryIndex(registry);

const alert = (tlp: Tlp, addressees: { nodes?: string[]; groups?: string[] }, sender = 'kz-border') =>
  create(AlertSchema, {
    id: 'a-1',
    sender,
    category: Category.EXPLOSIVES,
    regions: ['kz-south'],
    addressees,
    handling: { tlp },
  });

describe('siteRecipients', () => {
  it('gives the addressed and subscribed nodes of the sender’s site, each with the hub’s delivery address', () => {
    const recipients = siteRecipients(
      'alert',
      alert(Tlp.GREEN, { nodes: ['kz-customs', 'tj-border', 'kz-border'] }),
      index,
    );
    expect(recipients).toEqual([
      { node: 'kz-customs', region: 'direct', category: 'explosives' },
      { node: 'kz-police', region: 'kz-south', category: 'explosives' },
    ]);
  });

  it('follows the TLP policy: a RED alert reaches its addressees only', () => {
    expect(siteRecipients('alert', alert(Tlp.RED, { nodes: ['kz-customs'] }), index)).toEqual([
      { node: 'kz-customs', region: 'direct', category: 'explosives' },
    ]);
    expect(siteRecipients('alert', alert(Tlp.AMBER, {}), index)).toEqual([]);
  });

  it('sends nothing for a message to a closed user group, whose membership only the hub knows', () => {
    expect(
      siteRecipients('alert', alert(Tlp.GREEN, { nodes: ['kz-customs'], groups: ['task-force'] }), index),
    ).toEqual([]);
  });

  it('sends nothing from a node of no site', () => {
    expect(siteRecipients('alert', alert(Tlp.GREEN, { nodes: ['kz-customs'] }, 'unodc'), index)).toEqual([]);
  });

  it('sends a notice to the addressees of the site', () => {
    const notice = create(NoticeSchema, {
      id: 'n-1',
      sender: 'kz-border',
      category: Category.DRUG_TRAFFICKING,
      addressees: { nodes: ['kz-customs', 'tj-border'] },
    });
    expect(siteRecipients('notice', notice, index)).toEqual([
      { node: 'kz-customs', region: 'direct', category: 'drugs' },
    ]);
  });

  it('offers only alerts and notices: the other kinds need the hub’s records', () => {
    expect(
      ['alert', 'notice', 'reply', 'receipt', 'release', 'group'].filter((kind) => isSiteKind(kind as never)),
    ).toEqual(['alert', 'notice']);
  });
});
