import { FailureTally } from './failure-tally.js';

describe('FailureTally', () => {
  it('counts failures per message and starts over once a message is cleared', () => {
    const tally = new FailureTally();
    expect(tally.add('BL_INGRESS/hub-ingress/7')).toBe(1);
    expect(tally.add('BL_INGRESS/hub-ingress/7')).toBe(2);
    expect(tally.add('BL_INGRESS/hub-ingress/8')).toBe(1);
    tally.clear('BL_INGRESS/hub-ingress/7');
    expect(tally.add('BL_INGRESS/hub-ingress/7')).toBe(1);
  });

  it('forgets the least recently failed message beyond its capacity', () => {
    const tally = new FailureTally(2);
    tally.add('a');
    tally.add('b');
    tally.add('a');
    tally.add('c');
    expect(tally.add('a')).toBe(3);
    expect(tally.add('b')).toBe(1);
  });
});
