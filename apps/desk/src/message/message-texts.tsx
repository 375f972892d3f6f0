import { useTranslation } from 'react-i18next';
import type { LocalizedText } from '../api/node-types';
import { enumLabel } from '../common/enum-label';
import { languageName } from '../common/language-name';
import { textsInOrder } from '../common/message-text';

/**
 * Every language version the message carries, the original first, each marked original or a
 * translation with its provenance, and in its own language for screen readers (`lang`).
 */
export function MessageTexts(props: { texts: LocalizedText[] | undefined }) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? i18n.language;
  const texts = textsInOrder(props.texts);
  return (
    <section aria-labelledby="texts-title" className="desk-section">
      <h2 id="texts-title">{t('message.texts')}</h2>
      {texts.length === 0 && <p>{t('message.noText')}</p>}
      {texts.map((text, index) => {
        const language = text.language ?? '';
        const original = text.provenance === 'TRANSLATION_PROVENANCE_ORIGINAL';
        const headingId = `text-${index}-title`;
        return (
          <article key={`${language}-${index}`} aria-labelledby={headingId} className="desk-text-block">
            <h3 id={headingId}>
              {t('message.textHeading', {
                language: languageName(language, reader),
                provenance: original ? t('message.original') : enumLabel(t, 'provenance', text.provenance),
              })}
            </h3>
            <div lang={language}>
              <p className="desk-headline">{text.headline}</p>
              {text.description !== undefined && text.description !== '' && (
                <p className="desk-multiline">{text.description}</p>
              )}
              {text.instruction !== undefined && text.instruction !== '' && (
                <>
                  <h4>{t('message.instruction')}</h4>
                  <p className="desk-multiline">{text.instruction}</p>
                </>
              )}
            </div>
          </article>
        );
      })}
    </section>
  );
}
