import type { TFunction } from 'i18next';
import { enumWords } from './format';

/**
 * The translated label of a protobuf enum value (`enums.category.CATEGORY_EXPLOSIVES`), or its words
 * when the desk has no translation for it (a value newer than the desk).
 */
export function enumLabel(t: TFunction, kind: string, value: string | undefined): string {
  if (value === undefined || value === '') return t('common.none');
  return t(`enums.${kind}.${value}`, { defaultValue: enumWords(value) });
}
