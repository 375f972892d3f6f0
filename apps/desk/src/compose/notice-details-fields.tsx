import { useTranslation } from 'react-i18next';
import { useReference } from '../api/use-reference';
import { enumLabel } from '../common/enum-label';
import { IMPACT_LEVELS } from '../common/enums';
import { FieldGroup, SelectField, TextField } from '../common/form/fields';
import type { NoticeDraft } from './notice-draft';
import { WeaponFields } from './weapon-fields';

type Change = (change: Partial<NoticeDraft>) => void;

/** The details a notice's kind carries: the weapon to trace, the operation, the meeting, the period, the impact. */
export function NoticeDetailsFields(props: { draft: NoticeDraft; onChange: Change }) {
  const { t } = useTranslation();
  const reference = useReference();
  const { draft, onChange } = props;
  const text = (
    path: string,
    name: keyof NoticeDraft,
    label: string,
    extra: { multiline?: boolean; type?: 'datetime-local'; hint?: string } = {},
  ) => (
    <TextField
      path={path}
      label={label}
      value={draft[name] as string}
      onChange={(value) => onChange({ [name]: value })}
      {...extra}
    />
  );
  switch (draft.kind) {
    case 'NOTICE_KIND_FIREARMS_TRACE_REQUEST':
      return (
        <FieldGroup path="trace" legend={t('notice.trace')}>
          <FieldGroup path="trace.item" legend={t('items.weapon')} className="desk-subgroup">
            <WeaponFields
              weapon={draft.weapon}
              at="trace.item"
              onChange={(change) => onChange({ weapon: { ...draft.weapon, ...change } })}
            />
          </FieldGroup>
          {text('trace.illicitNature', 'illicitNature', t('notice.illicitNature'), { multiline: true })}
          {text('trace.intendedUse', 'intendedUse', t('notice.intendedUse'), { multiline: true })}
          {text('trace.legalBasis', 'legalBasis', t('notice.legalBasis'), { multiline: true })}
          {text('trace.circumstances', 'circumstances', t('notice.circumstances'), { multiline: true })}
          {text('trace.seizureAlert', 'seizureAlert', t('notice.seizureAlert'), {
            hint: t('notice.seizureAlertHint'),
          })}
        </FieldGroup>
      );
    case 'NOTICE_KIND_JOINT_OPERATION':
      return (
        <FieldGroup path="operation" legend={t('notice.operation')}>
          {text('operation.name', 'name', t('notice.operationName'))}
          {text('operation.group', 'group', t('notice.operationGroup'), {
            hint: t('notice.operationGroupHint'),
          })}
          {text('operation.starts', 'starts', t('notice.starts'), { type: 'datetime-local' })}
          {text('operation.ends', 'ends', t('notice.ends'), { type: 'datetime-local' })}
        </FieldGroup>
      );
    case 'NOTICE_KIND_MEETING':
      return (
        <FieldGroup path="meeting" legend={t('notice.meeting')}>
          {text('meeting.starts', 'starts', t('notice.starts'), { type: 'datetime-local' })}
          {text('meeting.ends', 'ends', t('notice.ends'), { type: 'datetime-local' })}
          {text('meeting.location', 'location', t('notice.location'))}
        </FieldGroup>
      );
    case 'NOTICE_KIND_SITUATION_REPORT':
      return (
        <FieldGroup path="situation" legend={t('notice.situation')}>
          {text('situation.periodStart', 'starts', t('notice.periodStart'), { type: 'datetime-local' })}
          {text('situation.periodEnd', 'ends', t('notice.periodEnd'), { type: 'datetime-local' })}
        </FieldGroup>
      );
    case 'NOTICE_KIND_IMPACT_LEVEL_CHANGE':
      return (
        <FieldGroup path="impactChange" legend={t('notice.impactChange')}>
          <SelectField
            path="impactChange.borderSection"
            label={t('notice.section')}
            value={draft.section}
            onChange={(section) => onChange({ section })}
            options={(reference.data?.sections ?? []).map((section) => ({
              value: section.id,
              label: section.name,
            }))}
            emptyLabel={t('common.choose')}
          />
          {(['from', 'to'] as const).map((name) => (
            <SelectField
              key={name}
              path={`impactChange.${name}`}
              label={t(name === 'from' ? 'notice.impactFrom' : 'notice.impactTo')}
              value={draft[name]}
              onChange={(value) => onChange({ [name]: value })}
              options={IMPACT_LEVELS.map((value) => ({ value, label: enumLabel(t, 'impactLevel', value) }))}
              emptyLabel={t('common.choose')}
            />
          ))}
        </FieldGroup>
      );
    default:
      return null;
  }
}
