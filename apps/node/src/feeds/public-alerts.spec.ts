import type { InboxItem } from '../inbox/inbox-item.js';
import { asHtmlText } from './feeds.service.js';
import { concerns, isPublicAlert } from './public-alerts.js';

const NOW = new Date('2026-03-01T08:00:00Z');

function item(change: Partial<InboxItem> = {}, message: Record<string, unknown> = {}): InboxItem {
  return {
    id: 'a-1',
    kind: 'alert',
    sender: 'tj-border',
    receivedAt: NOW.toISOString(),
    region: 'afghan-border',
    category: 'salw',
    verified: true,
    handling: 'TLP:CLEAR;H0',
    message: { handling: { tlp: 'TLP_CLEAR' }, regions: ['afghan-border'], ...message },
    ...change,
  };
}

describe('isPublicAlert', () => {
  it('admits a verified TLP:CLEAR alert the hub delivered', () => {
    expect(isPublicAlert(item())).toBe(true);
  });

  it.each([
    ['TLP:GREEN', item({ handling: 'TLP:GREEN;H0' }, { handling: { tlp: 'TLP_GREEN' } })],
    ['TLP:AMBER', item({ handling: 'TLP:AMBER;H2' }, { handling: { tlp: 'TLP_AMBER' } })],
    [
      'TLP:AMBER+STRICT',
      item({ handling: 'TLP:AMBER+STRICT;H2' }, { handling: { tlp: 'TLP_AMBER_STRICT' } }),
    ],
    ['TLP:RED', item({ handling: 'TLP:RED;H2' }, { handling: { tlp: 'TLP_RED' } })],
    ['a CLEAR label over an AMBER message', item({}, { handling: { tlp: 'TLP_AMBER' } })],
    ['a CLEAR message filed as AMBER', item({ handling: 'TLP:AMBER;H0' })],
    ['no label', item({ handling: '' }, { handling: undefined })],
    ['an unverified alert', item({ verified: false })],
    ['one only the site fast path brought', item({ viaSite: true })],
    ['a notice', item({ kind: 'notice' })],
  ])('keeps %s out', (_what, held) => {
    expect(isPublicAlert(held)).toBe(false);
  });
});

describe('concerns', () => {
  it('takes an alert of the region that has not expired', () => {
    expect(concerns(item(), 'afghan-border', NOW)).toBe(true);
    expect(concerns(item(), 'caspian', NOW)).toBe(false);
    expect(concerns(item({}, { expires: '2026-03-01T07:59:59Z' }), 'afghan-border', NOW)).toBe(false);
  });
});

describe('asHtmlText', () => {
  it('escapes markup, so a title is shown as text and cannot end a CDATA section', () => {
    expect(asHtmlText('<b>x</b> & "y" ]]>')).toBe('&lt;b&gt;x&lt;/b&gt; &amp; &quot;y&quot; ]]&gt;');
  });
});
