import i18next, { type i18n, type Resource } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { browserLanguage, LANGUAGES, rememberedLanguage } from './language-memory';
import { WEB_STRINGS } from './web-strings';

/** An app's strings per language: the same keys in each. */
export type AppStrings = Record<(typeof LANGUAGES)[number], Record<string, unknown>>;

/**
 * A fresh i18next instance for one app, with the shared pieces' strings under `web` and the app's
 * own beside them, in the language remembered on this browser (or the browser's). React escapes
 * what it renders, so i18next does not escape again.
 */
export function createI18n(app: AppStrings): i18n {
  const instance = i18next.createInstance();
  const resources: Resource = Object.fromEntries(
    LANGUAGES.map((language) => [language, { translation: { ...WEB_STRINGS[language], ...app[language] } }]),
  );
  void instance.use(initReactI18next).init({
    resources,
    lng: rememberedLanguage() ?? browserLanguage(),
    fallbackLng: LANGUAGES[0],
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  // Screen readers pronounce the page in its language.
  const mark = (language: string) => document.documentElement.setAttribute('lang', language);
  mark(instance.language);
  instance.on('languageChanged', mark);
  return instance;
}
