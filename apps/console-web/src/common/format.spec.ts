import {
  formatBytes,
  formatCount,
  formatDuration,
  formatMoment,
  formatShare,
  formatTime,
  formattingLocale,
  NONE,
  secondsSince,
} from './format.js';

describe('formatDuration', () => {
  it('shows the two largest units that are not zero', () => {
    expect(formatDuration(4, 'en')).toBe('4s');
    expect(formatDuration(125, 'en')).toBe('2m 5s');
    expect(formatDuration(3 * 3600 + 12 * 60 + 9, 'en')).toBe('3h 12m');
    expect(formatDuration(4 * 86_400 + 2 * 3600 + 59, 'en')).toBe('4d 2h');
  });

  it('leaves out a trailing zero unit', () => {
    expect(formatDuration(3 * 3600 + 5, 'en')).toBe('3h');
    expect(formatDuration(120, 'en')).toBe('2m');
  });

  it('reads under a second, and a negative duration, as zero seconds', () => {
    expect(formatDuration(0.4, 'en')).toBe('0s');
    expect(formatDuration(-3, 'en')).toBe('0s');
  });

  it('writes the units in the reader’s language', () => {
    expect(formatDuration(125, 'ru').replace(/\s/g, ' ')).toBe('2 мин 5 с');
  });

  it('shows a missing duration as a dash', () => {
    expect(formatDuration(undefined, 'en')).toBe(NONE);
    expect(formatDuration(Number.NaN, 'en')).toBe(NONE);
  });
});

describe('formatBytes', () => {
  it('steps by 1024 with one decimal above bytes', () => {
    expect(formatBytes(512, 'en')).toBe('512 byte');
    expect(formatBytes(1536, 'en')).toBe('1.5 kB');
    expect(formatBytes(5 * 1024 * 1024, 'en')).toBe('5 MB');
  });

  it('shows a missing size as a dash', () => {
    expect(formatBytes(null, 'en')).toBe(NONE);
  });
});

describe('formatShare', () => {
  it('is a percentage of a positive limit, a dash without one', () => {
    expect(formatShare(25, 100, 'en')).toBe('25%');
    expect(formatShare(25, 0, 'en')).toBe(NONE);
    expect(formatShare(25, -1, 'en')).toBe(NONE);
  });
});

describe('formatCount', () => {
  it('groups digits as the locale does', () => {
    expect(formatCount(12_345, 'en')).toBe('12,345');
    expect(formatCount(undefined, 'en')).toBe(NONE);
  });
});

describe('formatTime', () => {
  it('shows an unreadable or missing moment as a dash', () => {
    expect(formatTime('not a time', 'en')).toBe(NONE);
    expect(formatTime(undefined, 'en')).toBe(NONE);
    expect(formatTime('2026-12-04T18:00:00Z', 'en')).toContain('2026');
  });
});

describe('secondsSince', () => {
  it('counts from a moment to now, never below zero', () => {
    const now = Date.parse('2026-12-04T18:00:10Z');
    expect(secondsSince('2026-12-04T18:00:00Z', now)).toBe(10);
    expect(secondsSince('2026-12-04T18:00:20Z', now)).toBe(0);
    expect(secondsSince(undefined, now)).toBeUndefined();
  });
});

describe('formattingLocale', () => {
  it('takes the browser’s own variant of the chosen language', () => {
    expect(formattingLocale('en', ['en-GB', 'ru-RU'])).toBe('en-GB');
    expect(formattingLocale('ru', ['en-GB', 'ru-RU'])).toBe('ru-RU');
  });

  it('falls back to the language when the browser prefers none of its variants', () => {
    expect(formattingLocale('ru', ['en-GB'])).toBe('ru');
  });
});

describe('formatMoment', () => {
  it('gives the time alone for today, and the date too for another day', () => {
    const now = new Date(2026, 11, 4, 18, 0, 0).getTime();
    expect(formatMoment(new Date(2026, 11, 4, 17, 5, 9).toISOString(), 'en-GB', now)).toBe('17:05:09');
    expect(formatMoment(new Date(2026, 11, 3, 17, 5, 9).toISOString(), 'en-GB', now)).toContain('2026');
    expect(formatMoment(null, 'en-GB', now)).toBe(NONE);
  });
});
