/** The languages the web apps speak; the first is the fallback. */
export const LANGUAGES = ['en', 'ru'] as const;
export type Language = (typeof LANGUAGES)[number];

const KEY_PREFIX = 'borderlink.language';
// The last language chosen on this browser, for pages before anyone has signed in.
const LAST_KEY = `${KEY_PREFIX}.last`;

export const isLanguage = (value: unknown): value is Language =>
  typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);

const keyOf = (person: string): string => `${KEY_PREFIX}.${person}`;

function read(key: string): Language | undefined {
  try {
    const value = window.localStorage.getItem(key);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined; // storage refused (private mode): no memory, no failure
  }
}

/** The language a person chose here before; else the last chosen on this browser; else undefined. */
export function rememberedLanguage(person?: string): Language | undefined {
  return (person === undefined ? undefined : read(keyOf(person))) ?? read(LAST_KEY);
}

/** Remembers a person's choice on this browser (per person: colleagues may share a workstation). */
export function rememberLanguage(language: Language, person?: string): void {
  try {
    if (person !== undefined) window.localStorage.setItem(keyOf(person), language);
    window.localStorage.setItem(LAST_KEY, language);
  } catch {
    // storage refused: the choice lasts for this page only
  }
}

/** The browser's preferred language among ours, for a first visit. */
export function browserLanguage(): Language {
  for (const tag of window.navigator.languages ?? [window.navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return LANGUAGES[0];
}
