import { create } from '@bufbuild/protobuf';
import { Severity, SubscriptionChangeSchema, type SubscriptionChange } from '#contracts';
import { parseRegistry } from './registry-file.js';
import { RegistryIndex } from './registry-index.js';
import {
  SubscriptionNarrowing,
  sectionsOfArea,
  subscriptionCeilingViolations,
} from './subscription-narrowing.js';

// tj-border receives everything on the Afghan border; unodc salw and drugs everywhere.
const registry = new RegistryIndex(
  parseRegistry(`
version: 1
regions:
  - { id: afghan-border, name: Afghan border }
  - { id: caspian, name: Caspian }
sections:
  - { id: tj-af-panj, name: Panj river, countries: [TJ, AF], regions: [afghan-border] }
  - { id: tj-af-badakhshan, name: Badakhshan, countries: [TJ, AF], regions: [afghan-border] }
  - { id: kz-caspian, name: Caspian coast, countries: [KZ], regions: [caspian] }
crossingPoints:
  - { id: panji-poyon, name: Panji Poyon, section: tj-af-panj, location: { lat: 37.2, lon: 68.58 } }
organisations:
  - { id: tj, name: Tajik Border Troops }
  - { id: unodc, name: UNODC }
nodes:
  - id: tj-border
    name: Tajik border
    kind: border
    organisation: tj
    subscriptions:
      - { regions: [afghan-border], categories: ['*'] }
  - id: unodc
    name: UNODC
    kind: partner
    organisation: unodc
    subscriptions:
      - { regions: ['*'], categories: [salw, drugs] }
`),
);

function change(sender: string, filters: SubscriptionChange['filters'] = []): SubscriptionChange {
  return create(SubscriptionChangeSchema, { id: 'c1', sender, actor: 'person:admin', filters });
}

const filter = (value: object) => create(SubscriptionChangeSchema, { filters: [value] }).filters[0]!;

const topic = { region: 'afghan-border', category: 'salw', severity: Severity.MODERATE, sections: [] };

describe('SubscriptionNarrowing', () => {
  it('narrows nothing when the change has no filter', () => {
    expect(SubscriptionNarrowing.of(change('tj-border'))).toBeUndefined();
  });

  const SEVERITIES: Array<[Severity, boolean]> = [
    [Severity.EXTREME, true],
    [Severity.SEVERE, true],
    [Severity.MODERATE, false],
    [Severity.MINOR, false],
    [Severity.UNKNOWN, true],
    [Severity.UNSPECIFIED, true],
  ];

  it.each(SEVERITIES.map(([severity, admitted]) => [Severity[severity], severity, admitted] as const))(
    'with a minimum of SEVERE, judges an alert of severity %s admitted: %s',
    (_, severity, admitted) => {
      const narrowing = SubscriptionNarrowing.of(
        change('tj-border', [filter({ minSeverity: Severity.SEVERE })]),
      );
      expect(narrowing!.admits({ ...topic, severity })).toBe(admitted);
    },
  );

  it('admits a message when any filter does, each judged on all its axes', () => {
    const narrowing = SubscriptionNarrowing.of(
      change('unodc', [
        filter({ regions: ['caspian'], categories: ['drugs'] }),
        filter({ regions: ['afghan-border'], categories: ['salw'], minSeverity: Severity.SEVERE }),
      ]),
    )!;
    expect(narrowing.admits({ ...topic, region: 'caspian', category: 'drugs' })).toBe(true);
    expect(narrowing.admits({ ...topic, region: 'caspian', category: 'salw' })).toBe(false);
    expect(narrowing.admits({ ...topic, severity: Severity.SEVERE })).toBe(true);
    expect(narrowing.admits(topic)).toBe(false);
  });

  it('admits by section only what concerns one of them, or names no section', () => {
    const narrowing = SubscriptionNarrowing.of(change('tj-border', [filter({ sections: ['tj-af-panj'] })]))!;
    expect(narrowing.admits({ ...topic, sections: ['tj-af-panj', 'tj-af-badakhshan'] })).toBe(true);
    expect(narrowing.admits({ ...topic, sections: ['tj-af-badakhshan'] })).toBe(false);
    expect(narrowing.admits({ ...topic, sections: [] })).toBe(true);
  });

  it('leaves categories out of a route that has none (an impact change reaches region subscribers)', () => {
    const narrowing = SubscriptionNarrowing.of(change('tj-border', [filter({ categories: ['drugs'] })]))!;
    expect(narrowing.admits({ region: 'afghan-border', severity: Severity.UNSPECIFIED, sections: [] })).toBe(
      true,
    );
  });
});

describe('sectionsOfArea', () => {
  it('takes the sections named and those of the crossing points named', () => {
    const area = { borderSections: ['tj-af-badakhshan'], crossingPoints: ['panji-poyon', 'nowhere'] };
    expect(sectionsOfArea(area, registry).sort()).toEqual(['tj-af-badakhshan', 'tj-af-panj']);
    expect(sectionsOfArea(undefined, registry)).toEqual([]);
  });
});

describe('subscriptionCeilingViolations', () => {
  it('accepts filters within the registry subscriptions, and none at all', () => {
    const within = change('unodc', [
      filter({ regions: ['caspian'], categories: ['drugs'], sections: ['kz-caspian'] }),
      filter({ categories: ['salw'], minSeverity: Severity.SEVERE }),
    ]);
    expect(subscriptionCeilingViolations(within, registry)).toEqual([]);
    expect(subscriptionCeilingViolations(change('unodc'), registry)).toEqual([]);
  });

  it('names each entry that reaches beyond the registry', () => {
    const beyond = change('tj-border', [
      filter({ regions: ['afghan-border'] }),
      filter({ regions: ['afghan-border', 'caspian'], sections: ['kz-caspian', 'tj-af-panj'] }),
    ]);
    expect(subscriptionCeilingViolations(beyond, registry).map((v) => v.field)).toEqual([
      'filters[1].regions[1]',
      'filters[1].sections[0]',
    ]);
  });

  it('refuses a category the node receives in none of the filter regions', () => {
    const beyond = change('unodc', [filter({ regions: ['caspian'], categories: ['drugs', 'terrorism'] })]);
    expect(subscriptionCeilingViolations(beyond, registry)).toEqual([
      {
        field: 'filters[0].categories[1]',
        reason: 'beyond the registry: unodc does not receive terrorism in these regions',
      },
    ]);
  });
});
