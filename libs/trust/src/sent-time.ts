const CANONICAL = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The canonical `Bl-Sent` text of a time: RFC 3339 in UTC with exactly three fraction digits,
 * `YYYY-MM-DDTHH:mm:ss.sssZ`. Throws RangeError for an invalid date or a year outside 0000–9999.
 */
export function canonicalSentTime(date: Date): string {
  const text = date.toISOString();
  if (!CANONICAL.test(text)) throw new RangeError(`time outside the years 0000-9999: ${text}`);
  return text;
}

/** True when the text is exactly what canonicalSentTime produces for some instant (so no 24:00 or Feb 30). */
export function isCanonicalSentTime(text: string): boolean {
  if (!CANONICAL.test(text)) return false;
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toISOString() === text;
}
