import { LIMITS } from './limits.js';
import type { Violations } from './violation.js';

/** A language tag's canonical form, or why it has none that Borderlink carries. */
export type LanguageTagReading = { readonly canonical: string } | { readonly reason: string };

const TOO_LONG = `must be at most ${LIMITS.languageTagMaxLength} characters`;

/**
 * Reads a BCP 47 language tag (RFC 5646), e.g. `ru`, `es-US`, `uz-Cyrl`: its canonical form as
 * `Intl.getCanonicalLocales` writes it (case, aliases such as `iw` → `he`), or why it is refused
 * (longer than `LIMITS.languageTagMaxLength`, or not well-formed).
 */
export function readLanguageTag(tag: string): LanguageTagReading {
  // Bounded before ICU sees it.
  if (tag.length > LIMITS.languageTagMaxLength) return { reason: TOO_LONG };
  let canonical: string | undefined;
  try {
    [canonical] = Intl.getCanonicalLocales(tag);
  } catch (error) {
    if (!(error instanceof RangeError)) throw error;
  }
  if (canonical === undefined) {
    return { reason: 'must be a well-formed BCP 47 language tag (RFC 5646), such as en or fr-CA' };
  }
  // An alias can canonicalise to a longer tag (`en-US-POSIX` → `en-US-u-va-posix`).
  if (canonical.length > LIMITS.languageTagMaxLength) return { reason: `${TOO_LONG} as "${canonical}"` };
  return { canonical };
}

/**
 * Checks a text's language: a well-formed BCP 47 tag, written in its canonical form. A tag that is
 * not is refused with that form named, not rewritten: the sender's signature covers the tag as sent.
 */
export function checkLanguageTag(out: Violations, path: string, tag: string): void {
  if (tag === '') {
    out.push({ field: path, reason: 'is required' });
    return;
  }
  const reading = readLanguageTag(tag);
  if ('reason' in reading) out.push({ field: path, reason: reading.reason });
  else if (reading.canonical !== tag) {
    out.push({ field: path, reason: `must be written in its canonical form "${reading.canonical}"` });
  }
}
