import { FixedWindowCounter } from './fixed-window.js';

describe('FixedWindowCounter', () => {
  it('allows the limit per key in a window, then refuses until the window ends', () => {
    let now = 0;
    const counter = new FixedWindowCounter(3, 60_000, () => now);
    expect([1, 2, 3].map(() => counter.hit('person:a'))).toEqual([true, true, true]);
    expect(counter.reached('person:a')).toBe(true);
    expect(counter.hit('person:a')).toBe(false);
    expect(counter.hit('person:b')).toBe(true);
    now = 60_000;
    expect(counter.reached('person:a')).toBe(false);
    expect(counter.hit('person:a')).toBe(true);
  });
});
