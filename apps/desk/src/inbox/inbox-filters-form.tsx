import { useTranslation } from 'react-i18next';
import { TLPS } from '../../../../libs/web/src/tlp/tlp';
import type { Reference } from '../api/node-types';
import { enumLabel } from '../common/enum-label';
import { CATEGORIES, SEVERITIES } from '../common/enums';

/** The filters as the URL holds them (`?region=…&category=…&severity=…&tlp=…&state=…`). */
export type FilterParams = Record<'region' | 'category' | 'severity' | 'tlp' | 'state', string>;

export const CONDITIONS = ['active', 'superseded', 'cancelled', 'expired'] as const;

/** The inbox's filters, each a labelled select; "all" is the empty choice. */
export function InboxFiltersForm(props: {
  values: FilterParams;
  reference: Reference | undefined;
  onChange: (name: keyof FilterParams, value: string) => void;
}) {
  const { t } = useTranslation();
  const select = (name: keyof FilterParams, label: string, options: { value: string; label: string }[]) => (
    <div className="desk-field">
      <label htmlFor={`filter-${name}`}>{label}</label>
      <select
        id={`filter-${name}`}
        value={props.values[name]}
        onChange={(e) => props.onChange(name, e.target.value)}
      >
        <option value="">{t('inbox.filters.all')}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
  return (
    <fieldset className="desk-filters">
      <legend>{t('inbox.filters.legend')}</legend>
      {select(
        'region',
        t('inbox.filters.region'),
        (props.reference?.regions ?? []).map((region) => ({ value: region.id, label: region.name })),
      )}
      {select(
        'category',
        t('inbox.filters.category'),
        CATEGORIES.map((value) => ({ value, label: enumLabel(t, 'category', value) })),
      )}
      {select(
        'severity',
        t('inbox.filters.severity'),
        SEVERITIES.map((value) => ({ value, label: enumLabel(t, 'severity', value) })),
      )}
      {select(
        'tlp',
        t('inbox.filters.handling'),
        TLPS.map((value) => ({ value, label: enumLabel(t, 'tlp', value) })),
      )}
      {select(
        'state',
        t('inbox.filters.state'),
        CONDITIONS.map((value) => ({ value, label: t(`states.${value}`) })),
      )}
    </fieldset>
  );
}
