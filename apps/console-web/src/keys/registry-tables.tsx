import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Registry, RegistrySubscription } from '../api/registry';
import { useCountryName } from '../common/country-name';
import { NONE } from '../common/format';
import { ColumnHeads, TableRegion } from '../common/table-region';

// `*` in a subscription's lists means every region or every category.
const WILDCARD = '*';

/** One registry table: a caption, column names, and a row per entry with its id as the row's header. */
function RegistryTable<T>(props: {
  caption: string;
  columns: readonly string[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  cells: (row: T) => ReactNode[];
}) {
  const { t } = useTranslation();
  if (props.rows.length === 0) {
    return (
      <>
        <h3>{props.caption}</h3>
        <p>{t('console.state.none')}</p>
      </>
    );
  }
  return (
    <>
      <h3>{props.caption}</h3>
      <TableRegion caption={props.caption} captionHidden>
        <ColumnHeads keys={props.columns} label={(column) => t(`console.keys.registryColumn.${column}`)} />
        <tbody>
          {props.rows.map((row) => {
            const [first, ...rest] = props.cells(row);
            return (
              <tr key={props.rowKey(row)}>
                <th scope="row">{first}</th>
                {rest.map((cell, index) => (
                  <td key={index}>{cell}</td>
                ))}
              </tr>
            );
          })}
        </tbody>
      </TableRegion>
    </>
  );
}

/** The registry as loaded: regions, border sections, crossing points, organisations and nodes. */
export function RegistryTables({ registry }: { registry: Registry }) {
  const { t } = useTranslation();
  const countryName = useCountryName();
  const list = (items: readonly string[] | undefined) =>
    items === undefined || items.length === 0
      ? NONE
      : items.map((item) => (item === WILDCARD ? t('console.keys.every') : item)).join(', ');
  const subscription = (entry: RegistrySubscription) =>
    t('console.keys.subscription', { regions: list(entry.regions), categories: list(entry.categories) });

  return (
    <>
      <RegistryTable
        caption={t('console.keys.regions')}
        columns={['id', 'name']}
        rows={registry.regions}
        rowKey={(region) => region.id}
        cells={(region) => [region.id, region.name]}
      />
      <RegistryTable
        caption={t('console.keys.sections')}
        columns={['id', 'name', 'countries', 'regions']}
        rows={registry.sections}
        rowKey={(section) => section.id}
        cells={(section) => [
          section.id,
          section.name,
          section.countries.map(countryName).join(', '),
          list(section.regions),
        ]}
      />
      <RegistryTable
        caption={t('console.keys.crossingPoints')}
        columns={['id', 'name', 'section', 'location']}
        rows={registry.crossingPoints}
        rowKey={(point) => point.id}
        cells={(point) => [
          point.id,
          point.name,
          point.section,
          `${point.location.lat.toFixed(4)}, ${point.location.lon.toFixed(4)}`,
        ]}
      />
      <RegistryTable
        caption={t('console.keys.organisations')}
        columns={['id', 'name', 'needToKnow', 'escalation']}
        rows={registry.organisations}
        rowKey={(organisation) => organisation.id}
        cells={(organisation) => [
          organisation.id,
          organisation.name,
          list(organisation.needToKnow),
          organisation.escalation ?? NONE,
        ]}
      />
      <RegistryTable
        caption={t('console.keys.nodes')}
        columns={['id', 'name', 'kind', 'organisation', 'country', 'subscriptions']}
        rows={registry.nodes}
        rowKey={(node) => node.id}
        cells={(node) => [
          node.id,
          node.name ?? NONE,
          node.kind,
          node.organisation,
          node.country === undefined ? NONE : countryName(node.country),
          node.subscriptions.length === 0 ? (
            NONE
          ) : (
            <ul className="plain-list">
              {node.subscriptions.map((entry, index) => (
                <li key={index}>{subscription(entry)}</li>
              ))}
            </ul>
          ),
        ]}
      />
    </>
  );
}
