import type { InboxItem } from '../api/node-types';
import { conditionOf, filterInbox, regionsOfItem } from './inbox-filter';

function item(id: string, fields: Partial<InboxItem>, message: Record<string, unknown> = {}): InboxItem {
  return {
    id,
    kind: 'alert',
    sender: 'kz-border',
    receivedAt: '2026-05-01T10:00:00Z',
    region: 'afghan-border',
    category: 'salw',
    verified: true,
    handling: 'TLP:GREEN;H0',
    state: 'active',
    message: { id, ...message },
    ...fields,
  };
}

const items = [
  item('a', {}, { category: 'CATEGORY_SMALL_ARMS_LIGHT_WEAPONS', severity: 'SEVERITY_SEVERE' }),
  item('b', { handling: 'TLP:AMBER+STRICT', region: 'direct' }, { regions: ['fergana-valley'] }),
  item('c', { state: 'superseded' }, { severity: 'SEVERITY_MINOR' }),
  item('d', { expired: true }, { category: 'CATEGORY_EXPLOSIVES' }),
];

describe('the inbox filters', () => {
  it('pass everything when none is set', () => {
    expect(filterInbox(items, {}).map((i) => i.id)).toEqual(['a', 'b', 'c', 'd']);
  });

  it('filter by region named in the message or delivered on', () => {
    expect(filterInbox(items, { region: 'fergana-valley' }).map((i) => i.id)).toEqual(['b']);
    expect(regionsOfItem(items[1]!)).toEqual(['fergana-valley']);
  });

  it('filter by category, severity and TLP label', () => {
    expect(filterInbox(items, { category: 'CATEGORY_EXPLOSIVES' }).map((i) => i.id)).toEqual(['d']);
    expect(filterInbox(items, { severity: 'SEVERITY_SEVERE' }).map((i) => i.id)).toEqual(['a']);
    expect(filterInbox(items, { tlp: 'TLP_AMBER_STRICT' }).map((i) => i.id)).toEqual(['b']);
  });

  it('tell active, superseded and expired apart', () => {
    expect(items.map(conditionOf)).toEqual(['active', 'active', 'superseded', 'expired']);
    expect(filterInbox(items, { condition: 'active' }).map((i) => i.id)).toEqual(['a', 'b']);
  });
});
