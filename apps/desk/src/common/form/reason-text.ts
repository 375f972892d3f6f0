import type { TFunction } from 'i18next';

// The node's most frequent reasons (libs/contracts validation), in the person's language; any other
// is shown as the node words it.
const KNOWN: Record<string, string> = {
  'is required': 'violations.required',
  'must not be blank': 'violations.blank',
  'must have at least one text': 'violations.oneText',
  'must include the original text (provenance ORIGINAL)': 'violations.original',
};

export function reasonText(t: TFunction, reason: string): string {
  const key = KNOWN[reason];
  return key === undefined ? reason : t(key);
}
