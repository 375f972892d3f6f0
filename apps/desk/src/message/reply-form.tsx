import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HttpError } from '../../../../libs/web/src/http/http-errors';
import { dataOf, useNodeClient } from '../api/node-client';
import type { Reply } from '../api/node-types';
import { CheckedForm } from '../common/form/checked-form';
import { SelectField, TextField } from '../common/form/fields';
import { useFormErrors } from '../common/form/form-errors';
import { languageName } from '../common/language-name';
import { TEXT_LANGUAGES } from '../common/enums';

/** A reply in the message's thread: one text, in the language the person writes in. */
export function ReplyForm(props: { id: string }) {
  const { t, i18n } = useTranslation();
  const reader = i18n.resolvedLanguage ?? i18n.language;
  const client = useNodeClient();
  const queries = useQueryClient();
  const errors = useFormErrors();
  const [language, setLanguage] = useState(reader);
  const [headline, setHeadline] = useState('');
  const [description, setDescription] = useState('');
  const send = useMutation({
    mutationFn: async (body: Reply) =>
      dataOf(await client.POST('/v1/messages/{id}/replies', { params: { path: { id: props.id } }, body })),
    onSuccess: () => {
      errors.setViolations([]);
      setHeadline('');
      setDescription('');
      void queries.invalidateQueries({ queryKey: ['held', 'thread'] });
    },
    onError: (error) => errors.setViolations(error instanceof HttpError ? error.violations : []),
  });
  return (
    <section aria-labelledby="reply-title" className="desk-section">
      <h2 id="reply-title">{t('reply.title')}</h2>
      <CheckedForm
        errors={errors}
        error={send.error}
        onSubmit={() =>
          send.mutate({
            texts: [
              {
                language,
                provenance: 'TRANSLATION_PROVENANCE_ORIGINAL',
                headline,
                ...(description === '' ? {} : { description }),
              },
            ],
          })
        }
      >
        <SelectField
          path="texts[0].language"
          label={t('compose.language')}
          value={language}
          onChange={setLanguage}
          options={TEXT_LANGUAGES.map((code) => ({ value: code, label: languageName(code, reader) }))}
        />
        <TextField
          path="texts[0].headline"
          label={t('compose.headline')}
          value={headline}
          onChange={setHeadline}
          lang={language}
        />
        <TextField
          path="texts[0].description"
          label={t('compose.description')}
          value={description}
          onChange={setDescription}
          multiline
          lang={language}
        />
        <button type="submit" disabled={send.isPending}>
          {t('reply.send')}
        </button>
      </CheckedForm>
      <p role="status" aria-live="polite">
        {send.data === undefined ? '' : t(`compose.result.${send.data.status}`, { id: send.data.id })}
      </p>
    </section>
  );
}
