// Cyrillic letters as they are read off a marking written in Latin: a letter with a Latin twin becomes
// that twin (officers copy what they see: Н is H, Р is P), the others their transliteration (Л is L,
// И is I, Ж is ZH), so `ЛО 2645` and `LO-2645`, `ЕК` and `EK`, name one serial.
const CYRILLIC: Readonly<Record<string, string>> = {
  А: 'A',
  Б: 'B',
  В: 'B',
  Г: 'G',
  Д: 'D',
  Е: 'E',
  Ё: 'E',
  Ж: 'ZH',
  З: 'Z',
  И: 'I',
  Й: 'I',
  К: 'K',
  Л: 'L',
  М: 'M',
  Н: 'H',
  О: 'O',
  П: 'P',
  Р: 'P',
  С: 'C',
  Т: 'T',
  У: 'Y',
  Ф: 'F',
  Х: 'X',
  Ц: 'TS',
  Ч: 'CH',
  Ш: 'SH',
  Щ: 'SHCH',
  Ъ: '',
  Ы: 'Y',
  Ь: '',
  Э: 'E',
  Ю: 'YU',
  Я: 'YA',
  І: 'I',
  Ї: 'I',
  Є: 'E',
  Ѕ: 'S',
  Ј: 'J',
  Қ: 'K',
  Ғ: 'G',
  Ң: 'H',
  Ү: 'Y',
  Ұ: 'Y',
  Һ: 'H',
  Ө: 'O',
  Ә: 'A',
  Ҳ: 'X',
  Ҷ: 'CH',
  Ӯ: 'Y',
};

/** How a written serial marks a character that was ground off or cannot be read: one per character. */
const UNREADABLE = /[?*_]/;
export const UNREADABLE_MARK = '?';

/**
 * A weapon's serial number in the form matching compares: upper case, Cyrillic read as Latin, without
 * spaces, dashes, dots or slashes, each run of digits without leading zeros, and each unreadable
 * character (`?`, `*` or `_` as written) as `?`. Empty when nothing identifying is left.
 */
export function normaliseSerial(written: string): string {
  const latin = Array.from(written.normalize('NFKC').toUpperCase(), (character) =>
    UNREADABLE.test(character) ? UNREADABLE_MARK : (CYRILLIC[character] ?? character),
  ).join('');
  const kept = latin.replace(/[^A-Z0-9?]/g, '');
  const withoutZeros = kept.replace(/(^|[^0-9])0+(?=[0-9])/g, '$1');
  return /[A-Z0-9]/.test(withoutZeros) ? withoutZeros : '';
}

/** True when the normalised serial has characters that could not be read. */
export function isPartial(serial: string): boolean {
  return serial.includes(UNREADABLE_MARK);
}

/**
 * How two normalised serials match: `exact` when equal, `partial` when they have the same length and
 * agree wherever both are readable (at least four characters must be read on both), else undefined.
 */
export function matchSerials(a: string, b: string): 'exact' | 'partial' | undefined {
  if (a === '' || b === '') return undefined;
  if (a === b) return isPartial(a) ? 'partial' : 'exact';
  if (a.length !== b.length || (!isPartial(a) && !isPartial(b))) return undefined;
  let agreed = 0;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === UNREADABLE_MARK || b[i] === UNREADABLE_MARK) continue;
    if (a[i] !== b[i]) return undefined;
    agreed++;
  }
  return agreed >= 4 ? 'partial' : undefined;
}
