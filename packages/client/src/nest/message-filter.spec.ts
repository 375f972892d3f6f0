import type { InboxItem } from '../node-api.types.js';
import { matchesFilter, subscriptionFor } from './message-filter.js';

const alert = (fields: Partial<InboxItem>, message: Record<string, unknown>): InboxItem =>
  ({
    id: 'm1',
    kind: 'alert',
    sender: 'kz-border',
    region: 'afghan-border',
    category: 'explosives',
    message,
    ...fields,
  }) as InboxItem;

describe('a handler filter', () => {
  const filter = {
    regions: ['afghan-border'],
    categories: ['explosives'],
    minSeverity: 'SEVERITY_SEVERE' as const,
  };

  it('admits an explosives alert on the Afghan border of severity severe or above, and nothing else', () => {
    expect(matchesFilter(filter, alert({}, { severity: 'SEVERITY_SEVERE' }))).toBe(true);
    expect(matchesFilter(filter, alert({}, { severity: 'SEVERITY_EXTREME' }))).toBe(true);
    expect(matchesFilter(filter, alert({}, { severity: 'SEVERITY_MODERATE' }))).toBe(false);
    expect(matchesFilter(filter, alert({ category: 'salw' }, { severity: 'SEVERITY_SEVERE' }))).toBe(false);
    expect(matchesFilter(filter, alert({ region: 'caspian' }, { severity: 'SEVERITY_SEVERE' }))).toBe(false);
    expect(matchesFilter(filter, alert({ kind: 'notice' }, {}))).toBe(false);
  });

  it("admits a region among the message's own regions and a section its area names", () => {
    const item = alert(
      { region: 'direct' },
      { regions: ['afghan-border'], area: { borderSections: ['tj-af-panj'] } },
    );
    expect(matchesFilter({ regions: ['afghan-border'], sections: ['tj-af-panj'] }, item)).toBe(true);
    expect(matchesFilter({ sections: ['uz-af-termez'] }, item)).toBe(false);
  });
});

describe('the subscription for several handlers', () => {
  it('admits what any handler admits: lists joined, the lowest severity, no list where one admits any', () => {
    expect(
      subscriptionFor(
        [
          { regions: ['afghan-border'], categories: ['explosives'], minSeverity: 'SEVERITY_SEVERE' },
          { regions: ['caspian'], minSeverity: 'moderate', kinds: ['alert'] },
        ],
        'TLP:AMBER',
      ),
    ).toEqual({ regions: ['afghan-border', 'caspian'], minSeverity: 'moderate', maxHandling: 'TLP:AMBER' });
  });
});
