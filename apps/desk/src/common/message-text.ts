import type { LocalizedText } from '../api/node-types';

/** The text block to show first: the person's language if the message carries it, else the original. */
export function preferredText(
  texts: readonly LocalizedText[] | undefined,
  language: string,
): LocalizedText | undefined {
  if (texts === undefined || texts.length === 0) return undefined;
  return (
    texts.find((text) => text.language === language) ??
    texts.find((text) => text.provenance === 'TRANSLATION_PROVENANCE_ORIGINAL') ??
    texts[0]
  );
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
