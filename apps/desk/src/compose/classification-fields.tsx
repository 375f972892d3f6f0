import { useTranslation } from 'react-i18next';
import { enumLabel } from '../common/enum-label';
import { CATEGORIES, CERTAINTIES, SEVERITIES, STATUSES, URGENCIES } from '../common/enums';
import { SelectField, TextField } from '../common/form/fields';
import type { AlertDraft } from './alert-draft';

type Part = Pick<
  AlertDraft,
  'status' | 'category' | 'severity' | 'urgency' | 'certainty' | 'incident' | 'expires'
>;

/** What the alert is about and how pressing it is (OASIS CAP's three axes), its case and validity. */
export function ClassificationFields(props: { draft: Part; onChange: (change: Partial<Part>) => void }) {
  const { t } = useTranslation();
  const { draft, onChange } = props;
  const select = (
    name: 'status' | 'category' | 'severity' | 'urgency' | 'certainty',
    values: readonly string[],
  ) => (
    <SelectField
      path={name}
      label={t(`compose.${name}`)}
      value={draft[name]}
      onChange={(value) => onChange({ [name]: value })}
      options={values.map((value) => ({ value, label: enumLabel(t, name, value) }))}
      emptyLabel={t('common.choose')}
    />
  );
  return (
    <fieldset className="desk-group">
      <legend>{t('compose.classification')}</legend>
      <div className="desk-row">
        {select('category', CATEGORIES)}
        {select('severity', SEVERITIES)}
        {select('urgency', URGENCIES)}
        {select('certainty', CERTAINTIES)}
        {select('status', STATUSES)}
      </div>
      <div className="desk-row">
        <TextField
          path="incident"
          label={t('compose.incident')}
          hint={t('compose.incidentHint')}
          value={draft.incident}
          onChange={(incident) => onChange({ incident })}
        />
        <TextField
          path="expires"
          type="datetime-local"
          label={t('compose.expires')}
          value={draft.expires}
          onChange={(expires) => onChange({ expires })}
        />
      </div>
    </fieldset>
  );
}
