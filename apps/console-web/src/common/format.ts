// Numbers, durations, sizes and times in the reader's language. Pure: the locale comes in, so the
// unit specs run under Node with its full ICU, and the screens pass i18next's current language.

const DURATION_UNITS = [
  { unit: 'day', seconds: 86_400 },
  { unit: 'hour', seconds: 3_600 },
  { unit: 'minute', seconds: 60 },
  { unit: 'second', seconds: 1 },
] as const;

/** What a screen shows for a figure it does not have (a node that never reported, no limit set). */
export const NONE = '—';

const unitFormat = (locale: string, unit: string): Intl.NumberFormat =>
  new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'narrow', maximumFractionDigits: 0 });

/**
 * A duration in its two largest units that are not zero, e.g. `2m 5s`, `3h 12m`, `4d 2h` (`2 мин 5 с`
 * in Russian): precise enough to compare at a glance, short enough for a table cell. Under a second
 * reads as `0s`; a negative duration (clocks apart) as zero; undefined or NaN as NONE.
 */
export function formatDuration(seconds: number | null | undefined, locale: string): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds)) return NONE;
  let rest = Math.max(0, Math.floor(seconds));
  const parts: string[] = [];
  for (const { unit, seconds: size } of DURATION_UNITS) {
    const count = Math.floor(rest / size);
    rest -= count * size;
    if (count > 0 || (parts.length > 0 && parts.length < 2))
      parts.push(unitFormat(locale, unit).format(count));
    if (parts.length === 2) break;
  }
  // Drop a trailing zero part (`3h 0m` reads as `3h`).
  if (parts.length === 2 && /^0\D/.test(parts[1]!)) parts.pop();
  return parts.length === 0 ? unitFormat(locale, 'second').format(0) : parts.join(' ');
}

/** A whole number with the locale's grouping (`12,345`, `12 345`); NONE when absent. */
export function formatCount(value: number | null | undefined, locale: string): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return NONE;
  return new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }).format(value);
}

const BYTE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** A size in bytes in binary steps of 1024 with the locale's unit names (`1.5 MB`); NONE when absent. */
export function formatBytes(bytes: number | null | undefined, locale: string): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes)) return NONE;
  let value = Math.max(0, bytes);
  let index = 0;
  while (value >= 1024 && index < BYTE_UNITS.length - 1) {
    value /= 1024;
    index += 1;
  }
  return new Intl.NumberFormat(locale, {
    style: 'unit',
    unit: BYTE_UNITS[index],
    unitDisplay: 'short',
    maximumFractionDigits: index === 0 ? 0 : 1,
  }).format(value);
}

/** A share of a limit as a percentage (`42%`); NONE without a positive limit. */
export function formatShare(
  used: number | null | undefined,
  limit: number | null | undefined,
  locale: string,
): string {
  if (used === null || used === undefined || limit === null || limit === undefined || !(limit > 0))
    return NONE;
  return new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }).format(used / limit);
}

/** A moment as date and time to the second, in the reader's time zone; NONE when absent or unreadable. */
export function formatTime(at: string | number | Date | null | undefined, locale: string): string {
  if (at === null || at === undefined) return NONE;
  const date = at instanceof Date ? at : new Date(at);
  if (Number.isNaN(date.getTime())) return NONE;
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeStyle: 'medium' }).format(date);
}

/** A moment as a time of day to the minute, for a chart's axis. */
export function formatClock(at: number | Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { hour: '2-digit', minute: '2-digit' }).format(at);
}

/** Seconds from `at` to `now`, never negative; undefined when `at` is absent or unreadable. */
export function secondsSince(at: string | null | undefined, now: number): number | undefined {
  if (at === null || at === undefined) return undefined;
  const time = Date.parse(at);
  return Number.isNaN(time) ? undefined : Math.max(0, (now - time) / 1000);
}

/**
 * The locale to write numbers and times in: the reader's own preference for the language the console
 * speaks (`en-GB` for English in Britain: 24-hour clock, day before month), else the language itself.
 */
export function formattingLocale(language: string, preferred: readonly string[]): string {
  const base = language.toLowerCase().split('-')[0];
  return preferred.find((tag) => tag.toLowerCase().split('-')[0] === base) ?? language;
}

/**
 * A recent moment in a table cell: the time of day when it falls on today's date (local), else date
 * and time; NONE when absent or unreadable.
 */
export function formatMoment(at: string | number | null | undefined, locale: string, now: number): string {
  if (at === null || at === undefined) return NONE;
  const date = new Date(at);
  if (Number.isNaN(date.getTime())) return NONE;
  return new Date(now).toDateString() === date.toDateString()
    ? new Intl.DateTimeFormat(locale, { timeStyle: 'medium' }).format(date)
    : formatTime(date, locale);
}
