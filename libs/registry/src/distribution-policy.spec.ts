import { DIRECT_REGION, Tlp } from '#contracts';
import { distribute, type OrganisationDirectory } from './distribution-policy.js';

// Organisations: tj (tj-border, tj-border-2), uz (uz-customs), un (unodc) declares tj within its need
// to know (UNODC runs projects for the Tajik border troops), kg (kg-border), eu (europol).
const ORGANISATION: Record<string, string> = {
  'tj-border': 'tj',
  'tj-border-2': 'tj',
  'uz-customs': 'uz',
  unodc: 'un',
  'kg-border': 'kg',
  europol: 'eu',
  'kz-border': 'kz',
};
const NEED_TO_KNOW: Record<string, string[]> = { un: ['tj'] };

const orgs: OrganisationDirectory = {
  organisationOf: (node) => ORGANISATION[node],
  needToKnow: (organisation) => NEED_TO_KNOW[organisation] ?? [],
};

const SUBSCRIBERS = ['tj-border', 'tj-border-2', 'uz-customs', 'kg-border', 'europol'].map((node) => ({
  node,
  region: 'afghan-border',
}));

const TLP_NAMES: Record<Tlp, string> = {
  [Tlp.UNSPECIFIED]: 'no label',
  [Tlp.CLEAR]: 'TLP:CLEAR',
  [Tlp.GREEN]: 'TLP:GREEN',
  [Tlp.AMBER]: 'TLP:AMBER',
  [Tlp.AMBER_STRICT]: 'TLP:AMBER+STRICT',
  [Tlp.RED]: 'TLP:RED',
};

// tlp, sender, addressed nodes, expected recipients (sorted)
const TABLE: [Tlp, string, string[], string[]][] = [
  [Tlp.CLEAR, 'kz-border', [], ['europol', 'kg-border', 'tj-border', 'tj-border-2', 'uz-customs']],
  [Tlp.GREEN, 'kz-border', [], ['europol', 'kg-border', 'tj-border', 'tj-border-2', 'uz-customs']],
  [
    Tlp.GREEN,
    'kz-border',
    ['unodc'],
    ['europol', 'kg-border', 'tj-border', 'tj-border-2', 'unodc', 'uz-customs'],
  ],
  // AMBER: the sender's organisation (kz) has no subscribers here, so only the addressee's count.
  [Tlp.AMBER, 'kz-border', [], []],
  [Tlp.AMBER, 'kz-border', ['uz-customs'], ['uz-customs']],
  [Tlp.AMBER, 'kz-border', ['tj-border'], ['tj-border', 'tj-border-2']],
  // unodc declares tj within its need to know: the Tajik subscribers are included, not uz or kg.
  [Tlp.AMBER, 'kz-border', ['unodc'], ['tj-border', 'tj-border-2', 'unodc']],
  // Need to know is not symmetric: tj does not declare un.
  [Tlp.AMBER, 'kz-border', ['tj-border-2'], ['tj-border', 'tj-border-2']],
  [Tlp.AMBER, 'tj-border', [], ['tj-border', 'tj-border-2']],
  [Tlp.AMBER_STRICT, 'kz-border', ['tj-border'], ['tj-border']],
  [Tlp.AMBER_STRICT, 'kz-border', ['unodc', 'uz-customs'], ['unodc', 'uz-customs']],
  [Tlp.RED, 'kz-border', ['tj-border', 'kg-border'], ['kg-border', 'tj-border']],
  [Tlp.RED, 'kz-border', [], []],
  [Tlp.UNSPECIFIED, 'kz-border', ['kg-border'], ['kg-border']],
];

describe('distribute', () => {
  it.each(
    TABLE.map(([tlp, sender, addressed, expected]) => [TLP_NAMES[tlp], sender, addressed, expected, tlp]),
  )('%s from %s addressed to %j reaches %j', (_, sender, addressed, expected, tlp) => {
    const routes = distribute({ tlp, sender, addressed, subscribers: SUBSCRIBERS }, orgs);
    expect([...new Set(routes.map((r) => r.node))].sort()).toEqual(expected);
  });

  it('puts addressees first, on the direct region, before subscribers on their matched region', () => {
    const routes = distribute(
      { tlp: Tlp.GREEN, sender: 'kz-border', addressed: ['tj-border'], subscribers: SUBSCRIBERS },
      orgs,
    );
    expect(routes[0]).toEqual({ node: 'tj-border', region: DIRECT_REGION });
    expect(routes).toContainEqual({ node: 'uz-customs', region: 'afghan-border' });
  });

  it.each([Tlp.RED, Tlp.AMBER_STRICT])('never lets %s reach a subscriber outside the addressees', (tlp) => {
    const routes = distribute(
      { tlp, sender: 'kz-border', addressed: ['uz-customs'], subscribers: SUBSCRIBERS },
      orgs,
    );
    expect(routes).toEqual([{ node: 'uz-customs', region: DIRECT_REGION }]);
  });
});
