import { useTranslation } from 'react-i18next';
import { enumLabel } from '../common/enum-label';
import { EXPLOSIVE_TYPES } from '../common/enums';
import { FieldGroup, SelectField, TextField } from '../common/form/fields';
import { emptyItem, type ItemDraft } from './alert-draft';
import { WeaponFields } from './weapon-fields';

const KINDS: ItemDraft['kind'][] = ['weapon', 'ammunition', 'explosive', 'other'];

/** The fields of one seized item, by its kind; `at` is its body path (`items[0].weapon`). */
function ItemFields(props: { item: ItemDraft; at: string; onChange: (item: ItemDraft) => void }) {
  const { t } = useTranslation();
  const { item, at } = props;
  const text = (name: string, label: string, value: string, hint?: string) => (
    <TextField
      path={`${at}.${name}`}
      label={label}
      hint={hint}
      value={value}
      onChange={(next) => props.onChange({ ...item, [name]: next } as ItemDraft)}
    />
  );
  switch (item.kind) {
    case 'weapon':
      return (
        <>
          <WeaponFields weapon={item} at={at} onChange={(change) => props.onChange({ ...item, ...change })} />
          {text('quantity', t('items.quantity'), item.quantity)}
        </>
      );
    case 'ammunition':
      return (
        <>
          {text('calibre', t('items.calibre'), item.calibre)}
          {text('quantity', t('items.rounds'), item.quantity)}
          {text('lotNumber', t('items.lotNumber'), item.lotNumber)}
          {text('headstamp', t('items.headstamp'), item.headstamp)}
        </>
      );
    case 'explosive':
      return (
        <>
          <SelectField
            path={`${at}.type`}
            label={t('items.type')}
            value={item.type}
            onChange={(type) => props.onChange({ ...item, type })}
            options={EXPLOSIVE_TYPES.map((value) => ({ value, label: enumLabel(t, 'explosiveType', value) }))}
            emptyLabel={t('common.choose')}
          />
          {text('description', t('items.description'), item.description)}
          {text('netMassKg', t('items.netMassKg'), item.netMassKg)}
          {text('quantity', t('items.quantity'), item.quantity)}
        </>
      );
    case 'other':
      return (
        <>
          {text('description', t('items.description'), item.description)}
          {text('quantity', t('items.quantity'), item.quantity)}
          {text('unit', t('items.unit'), item.unit)}
        </>
      );
  }
}

/** The items seized: weapons, ammunition, explosives and other things, added one at a time. */
export function ItemsEditor(props: { items: ItemDraft[]; onChange: (items: ItemDraft[]) => void }) {
  const { t } = useTranslation();
  const { items, onChange } = props;
  return (
    <FieldGroup path="items" legend={t('message.items')}>
      {items.map((item, index) => (
        <FieldGroup
          key={index}
          path={`items[${index}]`}
          legend={t('items.itemN', { n: index + 1, kind: t(`items.kinds.${item.kind}`) })}
          className="desk-subgroup"
        >
          <ItemFields
            item={item}
            at={`items[${index}].${item.kind}`}
            onChange={(next) => onChange(items.map((old, at) => (at === index ? next : old)))}
          />
          <button type="button" onClick={() => onChange(items.filter((_, at) => at !== index))}>
            {t('items.remove', { n: index + 1 })}
          </button>
        </FieldGroup>
      ))}
      <div className="desk-buttons">
        {KINDS.map((kind) => (
          <button key={kind} type="button" onClick={() => onChange([...items, emptyItem(kind)])}>
            {t(`items.add.${kind}`)}
          </button>
        ))}
      </div>
    </FieldGroup>
  );
}
