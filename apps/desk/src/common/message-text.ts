import type { LocalizedText } from '../api/node-types';

/**
 * The text block to show first: the person's language if the message carries it, else a variant of
 * it (a reader of `en` is shown an `en-US` text), else the original.
 */
export function preferredText(
  texts: readonly LocalizedText[] | undefined,
  language: string,
): LocalizedText | undefined {
  if (texts === undefined || texts.length === 0) return undefined;
  const wanted = primaryLanguage(language);
  return (
    texts.find((text) => text.language === language) ??
    (wanted === undefined ? undefined : texts.find((text) => primaryLanguage(text.language) === wanted)) ??
    texts.find((text) => text.provenance === 'TRANSLATION_PROVENANCE_ORIGINAL') ??
    texts[0]
  );
}

// A message's tags are canonical BCP 47 (the node refuses others); the reader's comes from the browser.
function primaryLanguage(tag: string | undefined): string | undefined {
  try {
    return tag === undefined ? undefined : new Intl.Locale(tag).language;
  } catch {
    return undefined;
  }
}

/** The text blocks in reading order: the original first, then the translations. */
export function textsInOrder(texts: readonly LocalizedText[] | undefined): LocalizedText[] {
  const all = [...(texts ?? [])];
  return all.sort(
    (a, b) =>
      Number(b.provenance === 'TRANSLATION_PROVENANCE_ORIGINAL') -
      Number(a.provenance === 'TRANSLATION_PROVENANCE_ORIGINAL'),
  );
}
