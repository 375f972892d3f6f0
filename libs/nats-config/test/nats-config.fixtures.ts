import type { Registry } from '#registry';
import { generateNodeKey } from '#trust';

// Registries with fresh node keys for the configuration generator and the command that runs it.

export const hubKey = generateNodeKey();
export const nodeKey = generateNodeKey();
export const registry: Registry = {
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

export const customsKey = generateNodeKey();
export const tjKey = generateNodeKey();
// kz-border and kz-customs form site kz; tj-border is on the hub's server.
export const sites: Registry = {
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
