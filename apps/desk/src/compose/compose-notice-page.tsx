import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { dataOf, useNodeClient } from '../api/node-client';
import type { AnyMessage, Notice } from '../api/node-types';
import { useReference } from '../api/use-reference';
import { enumLabel } from '../common/enum-label';
import { CATEGORIES, NOTICE_KINDS, PRIORITIES } from '../common/enums';
import { CheckboxGroup, SelectField, TextField } from '../common/form/fields';
import { useFormErrors } from '../common/form/form-errors';
import { threadOf } from '../common/item-title';
import { usePageTitle } from '../common/page-title';
import { useHeldMessage } from '../message/use-held-message';
import { AddresseesFields } from './addressees-fields';
import { ComposeFrame } from './compose-frame';
import { EvaluationFields } from './evaluation-fields';
import { HandlingFields } from './handling-fields';
import { emptyNotice, noticeOf, type NoticeDraft } from './notice-draft';
import { NoticeDetailsFields } from './notice-details-fields';
import { TextsEditor } from './texts-editor';
import { weaponDraftOf } from './weapon-draft';
import { useSubmit } from './use-submit';

/**
 * A coordination notice to compose: a request for assistance or information, a firearms trace
 * request (`?trace=<seizure alert id>` links the seizure), a joint operation, a meeting, a situation
 * report or an impact level change, to its addressees.
 */
export function ComposeNoticePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const title = t('compose.noticeTitle');
  usePageTitle(title);
  const [params] = useSearchParams();
  const client = useNodeClient();
  const reference = useReference();
  const errors = useFormErrors();
  const seizure = params.get('trace') ?? undefined;
  const [draft, setDraft] = useState<NoticeDraft>(() =>
    seizure === undefined
      ? emptyNotice(language)
      : {
          ...emptyNotice(language),
          kind: 'NOTICE_KIND_FIREARMS_TRACE_REQUEST',
          seizureAlert: seizure,
          references: seizure,
        },
  );
  const update = (part: Partial<NoticeDraft>) => setDraft((current) => ({ ...current, ...part }));

  // A trace request from a seizure alert names its first weapon, and continues its thread.
  const held = useHeldMessage(seizure ?? '', undefined, seizure !== undefined);
  const [prefilled, setPrefilled] = useState(false);
  useEffect(() => {
    if (prefilled || held.data === undefined) return;
    const { message, thread } = held.data;
    const weapon = (message as AnyMessage).items?.find((item) => item.weapon !== undefined)?.weapon;
    setDraft((current) => ({ ...current, thread, weapon: weaponDraftOf(weapon) }));
    setPrefilled(true);
  }, [held.data, prefilled]);
  const submit = useSubmit<Notice>({
    send: async (body) => dataOf(await client.POST('/v1/notices', { body })),
    threadOf: (body, id) => threadOf('notice', { ...body, id }),
    onViolations: errors.setViolations,
  });

  return (
    <ComposeFrame
      title={title}
      errors={errors}
      submit={submit}
      onSend={() => submit.mutate(noticeOf(draft))}
      sendLabel={t('compose.sendNotice')}
    >
      <fieldset className="desk-group">
        <legend>{t('compose.classification')}</legend>
        <div className="desk-row">
          <SelectField
            path="kind"
            label={t('compose.noticeKind')}
            value={draft.kind}
            onChange={(kind) => update({ kind })}
            options={NOTICE_KINDS.map((value) => ({ value, label: enumLabel(t, 'noticeKind', value) }))}
          />
          <SelectField
            path="priority"
            label={t('compose.priority')}
            value={draft.priority}
            onChange={(priority) => update({ priority })}
            options={PRIORITIES.map((value) => ({ value, label: enumLabel(t, 'priority', value) }))}
          />
          <TextField
            path="deadline"
            type="datetime-local"
            label={t('compose.deadline')}
            hint={t('compose.deadlineHint')}
            value={draft.deadline}
            onChange={(deadline) => update({ deadline })}
          />
          <SelectField
            path="category"
            label={t('compose.category')}
            value={draft.category}
            onChange={(category) => update({ category })}
            options={CATEGORIES.map((value) => ({ value, label: enumLabel(t, 'category', value) }))}
            emptyLabel={t('common.none')}
          />
        </div>
        <div className="desk-row">
          <TextField
            path="thread"
            label={t('compose.thread')}
            hint={t('compose.threadHint')}
            value={draft.thread}
            onChange={(thread) => update({ thread })}
          />
          <TextField
            path="references"
            label={t('message.references')}
            hint={t('compose.referencesHint')}
            value={draft.references}
            onChange={(references) => update({ references })}
          />
        </div>
      </fieldset>
      <CheckboxGroup
        path="regions"
        legend={t('compose.regions')}
        options={(reference.data?.regions ?? []).map((region) => ({
          value: region.id,
          label: region.name,
        }))}
        values={draft.regions}
        onChange={(regions) => update({ regions })}
      />
      <TextsEditor texts={draft.texts} onChange={(texts) => update({ texts })} />
      <NoticeDetailsFields draft={draft} onChange={update} />
      <EvaluationFields source={draft.source} information={draft.information} onChange={update} />
      <HandlingFields tlp={draft.tlp} code={draft.code} restrictions={draft.restrictions} onChange={update} />
      <AddresseesFields
        nodes={draft.nodes}
        groups={draft.groups}
        hint={t('compose.noticeAddresseesHint')}
        onChange={update}
      />
    </ComposeFrame>
  );
}
