import fc from 'fast-check';
import { sectionFigures, sectionImpact, type PictureSource } from './section-figures.js';

const NOW = new Date('2025-03-14T12:00:00.000Z');
const HOUR = 3_600_000;
const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * HOUR).toISOString();

const seizure = fc.record({
  hoursAgo: fc.integer({ min: 0, max: 40 * 24 }),
  inSection: fc.boolean(),
  exercise: fc.boolean(),
  category: fc.constantFrom('CATEGORY_SMALL_ARMS_LIGHT_WEAPONS', 'CATEGORY_EXPLOSIVES'),
  severity: fc.constantFrom('SEVERITY_SEVERE', 'SEVERITY_MODERATE'),
  rifles: fc.integer({ min: 0, max: 5 }),
  rounds: fc.integer({ min: 0, max: 1_000 }),
  kg: fc.integer({ min: 0, max: 40 }),
  women: fc.integer({ min: 0, max: 4 }),
  girls: fc.integer({ min: 0, max: 3 }),
});
type Seizure = typeof seizure extends fc.Arbitrary<infer T> ? T : never;

const alertOf = (s: Seizure, i: number): PictureSource => ({
  id: `a${i}`,
  kind: 'alert',
  sender: 'kz-border',
  message: {
    type: 'ALERT_TYPE_ALERT',
    status: s.exercise ? 'STATUS_EXERCISE' : 'STATUS_ACTUAL',
    sent: at(s.hoursAgo + 0.5),
    category: s.category,
    severity: s.severity,
    area: { borderSections: [s.inSection ? 'tj-af-panj' : 'kz-cn-khorgos'] },
    items: [
      { weapon: { type: 'WEAPON_TYPE_ASSAULT_RIFLE', quantity: s.rifles } },
      { ammunition: { calibre: '7.62x39mm', quantity: s.rounds } },
      { explosive: { type: 'EXPLOSIVE_TYPE_COMMERCIAL', netMassKg: s.kg } },
    ],
    persons: [
      { sex: 'SEX_FEMALE', ageGroup: 'AGE_GROUP_ADULT', role: 'PERSON_ROLE_VICTIM', count: s.women },
      { sex: 'SEX_FEMALE', ageGroup: 'AGE_GROUP_CHILD', role: 'PERSON_ROLE_VICTIM', count: s.girls },
    ],
  },
});

describe('sectionFigures', () => {
  it('equals the totals of the actual alerts of the section within each window, summed one by one', () => {
    fc.assert(
      fc.property(fc.array(seizure, { maxLength: 30 }), (seizures) => {
        const figures = sectionFigures(seizures.map(alertOf), 'tj-af-panj', NOW);
        for (const [window, hours] of [
          ['24h', 24],
          ['7d', 168],
          ['30d', 720],
        ] as const) {
          const counted = seizures.filter((s) => s.inSection && !s.exercise && s.hoursAgo + 0.5 < hours);
          const sum = (pick: (s: Seizure) => number) => counted.reduce((total, s) => total + pick(s), 0);
          const got = figures[window];
          expect(got.alerts).toBe(counted.length);
          expect(got.rounds).toBe(sum((s) => s.rounds));
          expect(got.explosivesKg).toBe(sum((s) => s.kg));
          expect(got.weapons.WEAPON_TYPE_ASSAULT_RIFLE ?? 0).toBe(sum((s) => s.rifles));
          expect(Object.values(got.byCategory).reduce((a, b) => a + b, 0)).toBe(counted.length);
          expect(got.bySeverity.SEVERITY_SEVERE ?? 0).toBe(
            counted.filter((s) => s.severity === 'SEVERITY_SEVERE').length,
          );
          const persons = (age: string) => got.persons.find((p) => p.ageGroup === age)?.count ?? 0;
          expect(persons('AGE_GROUP_ADULT')).toBe(counted.length === 0 ? 0 : sum((s) => s.women));
          expect(persons('AGE_GROUP_CHILD')).toBe(counted.length === 0 ? 0 : sum((s) => s.girls));
        }
      }),
    );
  });

  it('counts the current version only: an update replaces what it updates, a cancel removes it', () => {
    const base: Seizure = {
      hoursAgo: 1,
      inSection: true,
      exercise: false,
      category: 'CATEGORY_SMALL_ARMS_LIGHT_WEAPONS',
      severity: 'SEVERITY_SEVERE',
      rifles: 0,
      rounds: 0,
      kg: 0,
      women: 0,
      girls: 0,
    };
    const seized = (id: string, type: string, rifles: number, references: string[] = []): PictureSource => {
      const alert = alertOf({ ...base, rifles }, 0);
      return { ...alert, id, message: { ...(alert.message as object), type, references } };
    };
    const original = seized('a1', 'ALERT_TYPE_ALERT', 4);
    const update = seized('a2', 'ALERT_TYPE_UPDATE', 6, ['a1']);
    const other = seized('b1', 'ALERT_TYPE_ALERT', 1);
    const cancel = seized('b2', 'ALERT_TYPE_CANCEL', 1, ['b1']);
    const figures = sectionFigures([original, update, other, cancel], 'tj-af-panj', NOW)['24h'];
    expect(figures.alerts).toBe(1);
    expect(figures.weapons.WEAPON_TYPE_ASSAULT_RIFLE).toBe(6);
    const received = { ...original, state: 'superseded' as const };
    expect(sectionFigures([received], 'tj-af-panj', NOW)['24h'].alerts).toBe(0);
  });
});

describe('sectionImpact', () => {
  it('is the latest level set for the section by an impact-level change or a situation report', () => {
    const notice = (id: string, hoursAgo: number, body: object): PictureSource => ({
      id,
      kind: 'notice',
      sender: 'tj-border',
      message: { sent: at(hoursAgo), ...body },
    });
    const sources = [
      notice('n1', 5, { impactChange: { borderSection: 'tj-af-panj', to: 'IMPACT_LEVEL_HIGH' } }),
      notice('n2', 2, {
        situation: { sections: [{ borderSection: 'tj-af-panj', impact: 'IMPACT_LEVEL_MEDIUM' }] },
      }),
      notice('n3', 1, { impactChange: { borderSection: 'kz-cn-khorgos', to: 'IMPACT_LEVEL_LOW' } }),
    ];
    expect(sectionImpact(sources, 'tj-af-panj')).toEqual({ level: 'medium', setBy: 'tj-border', at: at(2) });
    expect(sectionImpact(sources.slice(0, 1), 'tj-af-panj')?.level).toBe('high');
    expect(sectionImpact([], 'tj-af-panj')).toBeUndefined();
  });
});
