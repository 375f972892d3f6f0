import { useTranslation } from 'react-i18next';
import { TLPS } from '../../../../libs/web/src/tlp/tlp';
import { TlpLabel } from '../../../../libs/web/src/tlp/tlp-label';
import { enumLabel } from '../common/enum-label';
import { HANDLING_CODES } from '../common/enums';
import { FieldGroup, SelectField, TextField } from '../common/form/fields';

/** Who may receive it (TLP 2.0) and what they may do with it (the handling code, and H3's restrictions). */
export function HandlingFields(props: {
  tlp: string;
  code: string;
  restrictions: string;
  onChange: (change: { tlp?: string; code?: string; restrictions?: string }) => void;
}) {
  const { t } = useTranslation();
  return (
    <FieldGroup path="handling" legend={t('compose.handling')} hint={t('compose.handlingHint')}>
      <SelectField
        path="handling.tlp"
        label={t('compose.tlp')}
        value={props.tlp}
        onChange={(tlp) => props.onChange({ tlp })}
        options={TLPS.map((value) => ({ value, label: enumLabel(t, 'tlp', value) }))}
      />
      <p aria-hidden="true">
        <TlpLabel tlp={props.tlp} />
      </p>
      <SelectField
        path="handling.code"
        label={t('compose.handlingCode')}
        value={props.code}
        onChange={(code) => props.onChange({ code })}
        options={HANDLING_CODES.map((value) => ({ value, label: enumLabel(t, 'handlingCode', value) }))}
      />
      {props.code === 'HANDLING_CODE_H3' && (
        <TextField
          path="handling.restrictions"
          label={t('compose.restrictions')}
          value={props.restrictions}
          onChange={(restrictions) => props.onChange({ restrictions })}
          multiline
        />
      )}
    </FieldGroup>
  );
}
