import { useTranslation } from 'react-i18next';
import { formattingLocale } from './format';

/** The locale the screens format numbers and times in, following the language switch. */
export function useLocale(): string {
  const { i18n } = useTranslation();
  return formattingLocale(i18n.language, window.navigator.languages ?? [window.navigator.language]);
}
