import countries from 'i18n-iso-countries';
import enCountries from 'i18n-iso-countries/langs/en.json';
import ruCountries from 'i18n-iso-countries/langs/ru.json';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

countries.registerLocale(enCountries);
countries.registerLocale(ruCountries);

/** A country's name from its ISO 3166-1 alpha-2 code in the reader's language; the code if unknown. */
export function useCountryName(): (code: string) => string {
  const { i18n } = useTranslation();
  const language = i18n.language;
  return useCallback(
    (code: string) => countries.getName(code.toUpperCase(), language, { select: 'official' }) ?? code,
    [language],
  );
}
