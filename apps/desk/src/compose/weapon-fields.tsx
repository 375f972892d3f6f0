import { useTranslation } from 'react-i18next';
import { enumLabel } from '../common/enum-label';
import { WEAPON_TYPES } from '../common/enums';
import { SelectField, TextField } from '../common/form/fields';
import type { WeaponDraft } from './weapon-draft';

/** The fields that describe a weapon, at body path `at` (`items[0].weapon`, `trace.item`). */
export function WeaponFields(props: {
  weapon: WeaponDraft;
  at: string;
  onChange: (change: Partial<WeaponDraft>) => void;
}) {
  const { t } = useTranslation();
  const { weapon, at, onChange } = props;
  const text = (name: Exclude<keyof WeaponDraft, 'type'>, label: string, hint?: string) => (
    <TextField
      path={`${at}.${name}`}
      label={label}
      hint={hint}
      value={weapon[name]}
      onChange={(value) => onChange({ [name]: value })}
    />
  );
  return (
    <>
      <SelectField
        path={`${at}.type`}
        label={t('items.type')}
        value={weapon.type}
        onChange={(type) => onChange({ type })}
        options={WEAPON_TYPES.map((value) => ({ value, label: enumLabel(t, 'weaponType', value) }))}
        emptyLabel={t('common.choose')}
      />
      {text('make', t('items.make'))}
      {text('model', t('items.model'))}
      {text('calibre', t('items.calibre'))}
      {text('serialNumber', t('items.serialNumber'), t('items.serialHint'))}
      {text('markings', t('items.markings'))}
      {text('countryOfManufacture', t('items.country'))}
    </>
  );
}
