/** A date and time in the person's language and the browser's time zone; the raw value if unreadable. */
export function formatDateTime(value: string | undefined, language: string): string {
  if (value === undefined || value === '') return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

/** A number in the person's language (`digits` after the decimal point at most: 4 for coordinates). */
export function formatNumber(value: number, language: string, digits = 2): string {
  return new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);
}

/** `SEVERITY_SEVERE` → `severe`: the last words of an enum value, for a fallback label. */
export function enumWords(value: string): string {
  const words = value.split('_');
  // Enum values repeat their enum's name first (CATEGORY_…, WEAPON_TYPE_…); the label is what follows.
  const tail =
    words.length > 2 && ['TYPE', 'ROLE', 'GROUP', 'LEVEL', 'KIND'].includes(words[1]!)
      ? words.slice(2)
      : words.slice(1);
  return tail.join(' ').toLowerCase();
}
