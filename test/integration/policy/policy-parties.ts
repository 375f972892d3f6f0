// The parties of the routing policy tests: many subscribers in a few organisations.
import { testParties, type TestParties } from '#hub/testing';

/** Subscriber nodes `sub-01` … `sub-22`, all on afghan-border × every category, by organisation. */
export const ORGANISATION_OF_SUBSCRIBER: readonly [string, string][] = Array.from({ length: 22 }, (_, i) => {
  const id = `sub-${String(i + 1).padStart(2, '0')}`;
  return [id, ['org-a', 'org-b', 'org-c', 'org-d'][Math.min(3, Math.floor(i / 5))]!];
});
export const SUBSCRIBERS = ORGANISATION_OF_SUBSCRIBER.map(([id]) => id);

/**
 * `origin` (org-origin) sends; `newcomer` (org-e) subscribes to nothing and only ever gets a message
 * by release. org-a declares org-c within its need to know.
 */
export function policyParties(): TestParties {
  return testParties(
    {
      version: 1,
      regions: [{ id: 'afghan-border', name: 'Afghan border' }],
      sections: [],
      crossingPoints: [],
      organisations: [
        { id: 'operator', name: 'Hub operator' },
        { id: 'org-origin', name: 'Originating agency' },
        { id: 'org-a', name: 'Agency A', needToKnow: ['org-c'] },
        ...['org-b', 'org-c', 'org-d', 'org-e'].map((id) => ({ id, name: id })),
      ],
    },
    [
      { id: 'hub', kind: 'hub', organisation: 'operator', subscriptions: [] },
      { id: 'origin', kind: 'border', organisation: 'org-origin', subscriptions: [] },
      { id: 'newcomer', kind: 'partner', organisation: 'org-e', subscriptions: [] },
      ...ORGANISATION_OF_SUBSCRIBER.map(([id, organisation]) => ({
        id,
        kind: 'border' as const,
        organisation,
        subscriptions: [{ regions: ['afghan-border'], categories: ['*'] }],
      })),
    ],
  );
}
