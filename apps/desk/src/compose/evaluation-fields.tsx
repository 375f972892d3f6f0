import { useTranslation } from 'react-i18next';
import { enumLabel } from '../common/enum-label';
import { INFORMATION_RELIABILITIES, SOURCE_RELIABILITIES } from '../common/enums';
import { FieldGroup, SelectField } from '../common/form/fields';

/**
 * The 4x4 evaluation (Europol): how reliable the source is, how credible the information. A missing
 * evaluation is the node's to refuse; its violation marks both grades.
 */
export function EvaluationFields(props: {
  source: string;
  information: string;
  onChange: (change: { source?: string; information?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <FieldGroup path="evaluation" legend={t('compose.evaluation')} hint={t('compose.evaluationHint')}>
      <SelectField
        path="evaluation.source"
        also="evaluation"
        label={t('compose.sourceReliability')}
        value={props.source}
        onChange={(source) => props.onChange({ source })}
        options={SOURCE_RELIABILITIES.map((value) => ({
          value,
          label: enumLabel(t, 'sourceReliability', value),
        }))}
        emptyLabel={t('compose.notEvaluated')}
      />
      <SelectField
        path="evaluation.information"
        also="evaluation"
        label={t('compose.informationCredibility')}
        value={props.information}
        onChange={(information) => props.onChange({ information })}
        options={INFORMATION_RELIABILITIES.map((value) => ({
          value,
          label: enumLabel(t, 'informationReliability', value),
        }))}
        emptyLabel={t('compose.notEvaluated')}
      />
    </FieldGroup>
  );
}
