import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { dataOf, useNodeClient } from '../api/node-client';
import type { Alert } from '../api/node-types';
import { useFormErrors } from '../common/form/form-errors';
import { threadOf } from '../common/item-title';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';
import { useHeldMessage } from '../message/use-held-message';
import { AddresseesFields } from './addressees-fields';
import { alertOf, draftFromAlert, emptyAlert, type AlertDraft } from './alert-draft';
import { AreaFields } from './area-fields';
import { ClassificationFields } from './classification-fields';
import { ComposeFrame } from './compose-frame';
import { EvaluationFields } from './evaluation-fields';
import { HandlingFields } from './handling-fields';
import { ItemsEditor } from './items-editor';
import { PersonsEditor } from './persons-editor';
import { TextsEditor } from './texts-editor';
import { useSubmit } from './use-submit';

/**
 * An alert to compose: new, or (`?updates=<id>`, `?cancels=<id>`) an update or cancel of one the
 * agency sent, which starts from its content. The node validates it; each violation shows at its field.
 */
export function ComposeAlertPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const [params] = useSearchParams();
  const updates = params.get('updates') ?? undefined;
  const cancels = params.get('cancels') ?? undefined;
  const original = updates ?? cancels;
  const change =
    updates !== undefined ? 'ALERT_TYPE_UPDATE' : cancels !== undefined ? 'ALERT_TYPE_CANCEL' : undefined;
  const title =
    change === 'ALERT_TYPE_UPDATE'
      ? t('compose.updateTitle')
      : change === 'ALERT_TYPE_CANCEL'
        ? t('compose.cancelTitle')
        : t('compose.alertTitle');
  usePageTitle(title);

  const client = useNodeClient();
  const errors = useFormErrors();
  const held = useHeldMessage(original ?? '', undefined, original !== undefined);
  const [draft, setDraft] = useState<AlertDraft>(() => emptyAlert(language));
  const [startedFrom, setStartedFrom] = useState<string | undefined>(undefined);

  // An update or cancel starts from the alert it changes, once that is loaded.
  useEffect(() => {
    if (change === undefined || original === undefined || held.data === undefined || startedFrom === original)
      return;
    setDraft(draftFromAlert({ ...(held.data.message as Alert), id: original }, change, language));
    setStartedFrom(original);
  }, [change, original, held.data, startedFrom, language]);

  const submit = useSubmit<Alert>({
    send: async (body) => dataOf(await client.POST('/v1/alerts', { body })),
    threadOf: (body, id) => threadOf('alert', { ...body, id }),
    onViolations: errors.setViolations,
  });
  const update = (part: Partial<AlertDraft>) => setDraft((current) => ({ ...current, ...part }));

  return (
    <ComposeFrame
      title={title}
      errors={errors}
      submit={submit}
      onSend={() => submit.mutate(alertOf(draft))}
      sendLabel={
        change === 'ALERT_TYPE_UPDATE'
          ? t('compose.sendUpdate')
          : change === 'ALERT_TYPE_CANCEL'
            ? t('compose.sendCancel')
            : t('compose.sendAlert')
      }
      before={original !== undefined && <QueryStatus isPending={held.isPending} error={held.error} />}
    >
      <ClassificationFields draft={draft} onChange={update} />
      <AreaFields draft={draft} onChange={update} />
      <TextsEditor texts={draft.texts} onChange={(texts) => update({ texts })} />
      <ItemsEditor items={draft.items} onChange={(items) => update({ items })} />
      <PersonsEditor persons={draft.persons} onChange={(persons) => update({ persons })} />
      <EvaluationFields source={draft.source} information={draft.information} onChange={update} />
      <HandlingFields tlp={draft.tlp} code={draft.code} restrictions={draft.restrictions} onChange={update} />
      <AddresseesFields
        nodes={draft.nodes}
        groups={draft.groups}
        hint={t('compose.alertAddresseesHint')}
        onChange={update}
      />
    </ComposeFrame>
  );
}
