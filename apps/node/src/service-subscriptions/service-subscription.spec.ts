import type { InboxItem } from '../inbox/inbox-item.js';
import {
  handlingCeiling,
  matchesFilter,
  withinHandling,
  type SubscriptionFilter,
} from './service-subscription.js';

const alert = (overrides: Partial<InboxItem> = {}, message: Record<string, unknown> = {}): InboxItem => ({
  id: 'a1',
  kind: 'alert',
  sender: 'kz-border',
  receivedAt: '2026-12-04T10:00:00.000Z',
  region: 'afghan-border',
  category: 'explosives',
  verified: true,
  handling: 'TLP:AMBER;H2',
  message: {
    severity: 'SEVERITY_SEVERE',
    regions: ['afghan-border'],
    area: { borderSections: ['tj-af-panj'] },
    ...message,
  },
  ...overrides,
});

const afghanExplosives: SubscriptionFilter = {
  regions: ['afghan-border'],
  categories: ['explosives'],
  minSeverity: 'severe',
  maxHandling: 'TLP:AMBER',
};

describe('matchesFilter', () => {
  it('matches an alert of the region and category at the minimum severity or above', () => {
    expect(matchesFilter(afghanExplosives, alert())).toBe(true);
    expect(matchesFilter(afghanExplosives, alert({}, { severity: 'SEVERITY_EXTREME' }))).toBe(true);
  });

  it.each([
    ['a lower severity', alert({}, { severity: 'SEVERITY_MODERATE' })],
    ['an unknown severity', alert({}, { severity: 'SEVERITY_UNKNOWN' })],
    ['no severity (a notice)', alert({ kind: 'notice' }, { severity: undefined })],
    ['another category', alert({ category: 'salw' })],
    ['another region', alert({ region: 'caspian' }, { regions: ['caspian'] })],
    ['a handling above the ceiling', alert({ handling: 'TLP:AMBER+STRICT' })],
    ['no TLP at all (counts as RED)', alert({ handling: 'H2' })],
    ['an origin that did not verify', alert({ verified: false })],
  ])('leaves out %s', (_, item) => {
    expect(matchesFilter(afghanExplosives, item)).toBe(false);
  });

  it("reads a direct copy's regions from the message, not the `direct` token", () => {
    const direct = alert({ region: 'direct' });
    expect(matchesFilter(afghanExplosives, direct)).toBe(true);
    expect(matchesFilter(afghanExplosives, alert({ region: 'direct' }, { regions: ['central-asia'] }))).toBe(
      false,
    );
  });

  it('admits anything on absent or empty lists, within the ceiling', () => {
    const open: SubscriptionFilter = { regions: [], maxHandling: 'TLP:RED' };
    expect(matchesFilter(open, alert({ kind: 'notice', handling: 'TLP:RED' }, { severity: undefined }))).toBe(
      true,
    );
  });

  it('matches border sections of alerts and of impact and situation notices', () => {
    const panj: SubscriptionFilter = { sections: ['tj-af-panj'], maxHandling: 'TLP:AMBER' };
    expect(matchesFilter(panj, alert())).toBe(true);
    expect(matchesFilter(panj, alert({}, { area: { borderSections: ['kz-cn-khorgos'] } }))).toBe(false);
    const impact = alert(
      { kind: 'notice' },
      { area: undefined, impactChange: { borderSection: 'tj-af-panj' } },
    );
    expect(matchesFilter(panj, impact)).toBe(true);
    const situation = alert(
      { kind: 'notice' },
      { area: undefined, situation: { sections: [{ borderSection: 'tj-af-panj' }] } },
    );
    expect(matchesFilter(panj, situation)).toBe(true);
  });

  it('matches by kind', () => {
    const reminders: SubscriptionFilter = { kinds: ['reminder'], maxHandling: 'TLP:RED' };
    expect(matchesFilter(reminders, alert())).toBe(false);
    expect(matchesFilter(reminders, alert({ kind: 'reminder' }))).toBe(true);
  });
});

describe('handling ceilings', () => {
  it("never exceed the clearance's", () => {
    expect(handlingCeiling('amber')).toBe('TLP:AMBER');
    expect(withinHandling(handlingCeiling('amber'), 'TLP:AMBER+STRICT')).toBe(false);
    expect(withinHandling(handlingCeiling('amber-strict'), 'TLP:AMBER+STRICT;H3')).toBe(true);
    expect(withinHandling('TLP:GREEN', 'TLP:CLEAR')).toBe(true);
    expect(withinHandling('TLP:GREEN', 'TLP:AMBER')).toBe(false);
  });
});
