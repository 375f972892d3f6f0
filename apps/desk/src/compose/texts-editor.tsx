import { useTranslation } from 'react-i18next';
import { enumLabel } from '../common/enum-label';
import { PROVENANCES, TEXT_LANGUAGES } from '../common/enums';
import { FieldGroup, SelectField, TextField } from '../common/form/fields';
import { languageName } from '../common/language-name';
import { emptyText, type TextDraft } from './draft-common';

/**
 * The message's text in one or more languages: the original and its translations, each with its
 * headline, description and instruction, written in its own language (`lang`).
 */
export function TextsEditor(props: {
  texts: TextDraft[];
  onChange: (texts: TextDraft[]) => void;
  instruction?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? i18n.language;
  const { texts, onChange } = props;
  const set = (index: number, change: Partial<TextDraft>) =>
    onChange(texts.map((text, at) => (at === index ? { ...text, ...change } : text)));
  const unused = TEXT_LANGUAGES.find((code) => !texts.some((text) => text.language === code)) ?? '';
  return (
    <FieldGroup path="texts" legend={t('compose.texts')} hint={t('compose.textsHint')}>
      {texts.map((text, index) => {
        const at = `texts[${index}]`;
        return (
          <FieldGroup
            key={index}
            path={at}
            legend={t('compose.textN', { n: index + 1 })}
            className="desk-subgroup"
          >
            <SelectField
              path={`${at}.language`}
              label={t('compose.language')}
              value={text.language}
              onChange={(language) => set(index, { language })}
              options={TEXT_LANGUAGES.map((code) => ({ value: code, label: languageName(code, reader) }))}
              emptyLabel={t('common.choose')}
            />
            <SelectField
              path={`${at}.provenance`}
              label={t('compose.provenance')}
              value={text.provenance}
              onChange={(provenance) => set(index, { provenance })}
              options={PROVENANCES.map((value) => ({ value, label: enumLabel(t, 'provenance', value) }))}
              emptyLabel={t('common.choose')}
            />
            <TextField
              path={`${at}.headline`}
              label={t('compose.headline')}
              value={text.headline}
              onChange={(headline) => set(index, { headline })}
              lang={text.language || undefined}
            />
            <TextField
              path={`${at}.description`}
              label={t('compose.description')}
              value={text.description}
              onChange={(description) => set(index, { description })}
              multiline
              lang={text.language || undefined}
            />
            {props.instruction !== false && (
              <TextField
                path={`${at}.instruction`}
                label={t('compose.instruction')}
                value={text.instruction}
                onChange={(instruction) => set(index, { instruction })}
                multiline
                lang={text.language || undefined}
              />
            )}
            {texts.length > 1 && (
              <button type="button" onClick={() => onChange(texts.filter((_, at) => at !== index))}>
                {t('compose.removeText', { n: index + 1 })}
              </button>
            )}
          </FieldGroup>
        );
      })}
      <button type="button" onClick={() => onChange([...texts, emptyText(unused, false)])}>
        {t('compose.addTranslation')}
      </button>
    </FieldGroup>
  );
}
