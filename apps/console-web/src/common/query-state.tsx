import type { UseQueryResult } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';
import { formatTime } from './format';
import { useLocale } from './use-locale';

/**
 * How a screen's data stands: loading, failed (saying why), or when it was last updated; while the
 * server is away a screen keeps its last data and says from when it is.
 */
export function QueryState(props: { query: UseQueryResult<unknown>; showUpdated?: boolean }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { query } = props;
  const updated = formatTime(query.dataUpdatedAt, locale);
  if (query.isPending) {
    return (
      <p className="query-state" role="status">
        {t('console.state.loading')}
      </p>
    );
  }
  if (query.isError) {
    return (
      <p className="query-state query-state-failed" role="alert">
        {query.data === undefined
          ? errorText((key, values) => t(key, values ?? {}), query.error)
          : t('console.state.unavailableSince', { time: updated })}
      </p>
    );
  }
  return props.showUpdated === false ? null : (
    <p className="query-state query-state-updated">{t('console.state.updated', { time: updated })}</p>
  );
}
