import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { isTlp } from '../../../../libs/web/src/tlp/tlp';
import { useReference } from '../api/use-reference';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';
import { useSetSearchParam } from '../common/use-search-param';
import { filterInbox, type InboxFilters, type ItemCondition } from './inbox-filter';
import { CONDITIONS, InboxFiltersForm, type FilterParams } from './inbox-filters-form';
import { InboxTable } from './inbox-table';
import { useLiveStatus } from './live-inbox';
import { useInbox } from './use-inbox';

const isCondition = (value: string): value is ItemCondition =>
  (CONDITIONS as readonly string[]).includes(value);

/** The inbox: what this node received, live, filtered by what the URL says. */
export function InboxPage() {
  const { t } = useTranslation();
  usePageTitle(t('inbox.title'));
  const [params] = useSearchParams();
  const setParam = useSetSearchParam();
  const values: FilterParams = {
    region: params.get('region') ?? '',
    category: params.get('category') ?? '',
    severity: params.get('severity') ?? '',
    tlp: params.get('tlp') ?? '',
    state: params.get('state') ?? '',
  };
  const filters: InboxFilters = {
    ...(values.region === '' ? {} : { region: values.region }),
    ...(values.category === '' ? {} : { category: values.category }),
    ...(values.severity === '' ? {} : { severity: values.severity }),
    ...(isTlp(values.tlp) ? { tlp: values.tlp } : {}),
    ...(isCondition(values.state) ? { condition: values.state } : {}),
  };
  // Expired alerts leave the node's default listing; only the expired view asks for them.
  const inbox = useInbox(filters.condition === 'expired');
  const reference = useReference();
  const live = useLiveStatus();
  const items = useMemo(() => inbox.data?.pages.flatMap((page) => page.items) ?? [], [inbox.data]);
  const shown = useMemo(() => filterInbox(items, filters), [items, filters]);

  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">{t('inbox.title')}</h1>
      <p role="status" aria-live="polite" className={`desk-live desk-live-${live}`}>
        {t(`inbox.live.${live}`)}
      </p>
      <InboxFiltersForm values={values} reference={reference.data} onChange={setParam} />
      <QueryStatus isPending={inbox.isPending} error={inbox.error} />
      {inbox.data !== undefined &&
        (shown.length === 0 ? (
          <p>{items.length === 0 ? t('inbox.empty') : t('inbox.noneMatch')}</p>
        ) : (
          <InboxTable items={shown} caption={t('inbox.caption', { count: shown.length })} />
        ))}
      {inbox.hasNextPage && (
        <button type="button" onClick={() => void inbox.fetchNextPage()} disabled={inbox.isFetchingNextPage}>
          {t('inbox.older')}
        </button>
      )}
    </section>
  );
}
