import { create } from '@bufbuild/protobuf';
import { fixtureContext, validSubscriptionChange } from '../../test/message.fixtures.js';
import { Severity } from '../gen/borderlink/v1/common_pb.js';
import { SubscriptionFilterSchema } from '../gen/borderlink/v1/subscription_pb.js';
import { LIMITS } from './limits.js';
import { validateMessage } from './validate-message.js';

describe('subscription change', () => {
  const violationsOf = (change: ReturnType<typeof validSubscriptionChange>) =>
    validateMessage('subscription', change, fixtureContext());

  it('accepts a narrowing, and none at all (which lifts it)', () => {
    expect(violationsOf(validSubscriptionChange())).toEqual([]);
    const lifted = validSubscriptionChange();
    lifted.filters = [];
    expect(violationsOf(lifted)).toEqual([]);
  });

  it('refuses a change nobody answers for', () => {
    const change = validSubscriptionChange();
    change.actor = '';
    expect(violationsOf(change)).toEqual([{ field: 'actor', reason: 'is required' }]);
  });

  it('refuses the same filter twice, whatever the order of its lists', () => {
    const change = validSubscriptionChange();
    const first = change.filters[0]!;
    change.filters.push({ ...first, categories: [...first.categories].reverse() });
    expect(violationsOf(change)).toEqual([{ field: 'filters[1]', reason: 'duplicates filters[0]' }]);
  });

  it('refuses unknown places and categories, and more filters than the limit', () => {
    const change = validSubscriptionChange();
    change.filters = [
      create(SubscriptionFilterSchema, {
        regions: ['atlantis'],
        categories: ['weapons'],
        sections: ['nowhere'],
      }),
      ...Array.from({ length: LIMITS.maxSubscriptionFilters }, (_, i) =>
        create(SubscriptionFilterSchema, {
          minSeverity: (i % 4) + Severity.EXTREME,
          regions: [['central-asia', 'caspian', 'afghan-border', 'fergana-valley'][Math.floor(i / 4) % 4]!],
          categories: i >= 16 ? ['drugs'] : [],
        }),
      ),
    ];
    expect(violationsOf(change).map((v) => v.field)).toEqual([
      'filters',
      'filters[0].regions[0]',
      'filters[0].categories[0]',
      'filters[0].sections[0]',
    ]);
  });
});
