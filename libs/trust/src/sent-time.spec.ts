import { canonicalSentTime, isCanonicalSentTime } from './sent-time.js';

describe('canonicalSentTime', () => {
  it('writes UTC with exactly three fraction digits', () => {
    expect(canonicalSentTime(new Date(Date.UTC(2025, 2, 14, 6, 30, 0, 7)))).toBe('2025-03-14T06:30:00.007Z');
  });

  it('refuses an invalid date and years beyond 9999', () => {
    expect(() => canonicalSentTime(new Date(Number.NaN))).toThrow(RangeError);
    expect(() => canonicalSentTime(new Date(Date.UTC(10000, 0, 1)))).toThrow(RangeError);
  });
});

describe('isCanonicalSentTime', () => {
  it('accepts what canonicalSentTime writes', () => {
    expect(isCanonicalSentTime(canonicalSentTime(new Date()))).toBe(true);
  });

  it.each([
    '2025-03-14T06:30:00Z',
    '2025-03-14T06:30:00.0Z',
    '2025-03-14T06:30:00.000+00:00',
    '2025-03-14 06:30:00.000Z',
    '2025-03-14T06:30:00.000z',
    '2025-02-30T06:30:00.000Z',
    '2025-03-14T24:00:00.000Z',
    '+012025-03-14T06:30:00.000Z',
    '',
  ])('refuses %j', (text) => expect(isCanonicalSentTime(text)).toBe(false));
});
