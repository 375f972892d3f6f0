import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, LANGUAGES, rememberedLanguage, rememberLanguage } from './language-memory';

/**
 * Applies the language a person chose before, once they are known (their id from the provider);
 * each person keeps their own on a shared workstation.
 */
export function usePersonLanguage(person: string | undefined): void {
  const { i18n } = useTranslation();
  useEffect(() => {
    if (person === undefined) return;
    const remembered = rememberedLanguage(person);
    if (remembered !== undefined && remembered !== i18n.language) void i18n.changeLanguage(remembered);
  }, [person, i18n]);
}

/** A labelled choice of language, remembered for the person (or this browser, before sign-in). */
export function LanguageSwitcher(props: { person?: string }) {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <span className="bl-language">
      <label htmlFor={id}>{t('web.language')}</label>{' '}
      <select
        id={id}
        value={i18n.resolvedLanguage ?? i18n.language}
        onChange={(event) => {
          const language = event.target.value;
          if (!isLanguage(language)) return;
          rememberLanguage(language, props.person);
          void i18n.changeLanguage(language);
        }}
      >
        {LANGUAGES.map((language) => (
          <option key={language} value={language} lang={language}>
            {t(`web.languages.${language}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
