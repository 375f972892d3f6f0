import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context';
import { QUERY_KEYS, REFRESH_MS } from '../api/query-keys';
import { getTraffic } from '../api/traffic';
import { formatDuration } from '../common/format';
import { QueryState } from '../common/query-state';
import { useDocumentTitle } from '../common/use-document-title';
import { TrafficCharts } from './traffic-charts';
import { TrafficTables } from './traffic-tables';
import { shapeTraffic } from './traffic-series';
import { useLocale } from '../common/use-locale';

/** The periods an operator may look back over, in minutes. */
const PERIODS = [15, 60, 180, 360, 1440] as const;
const DEFAULT_PERIOD = 60;

/** `/traffic`: accepted, rejected by reason, delivered and dead-lettered over time. */
export function TrafficScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const periodId = useId();
  const [minutes, setMinutes] = useState<number>(DEFAULT_PERIOD);
  useDocumentTitle(t('console.traffic.title'));
  const query = useQuery({
    queryKey: QUERY_KEYS.traffic(minutes),
    queryFn: () => getTraffic(api, minutes),
    refetchInterval: REFRESH_MS.traffic,
    // Another period keeps the charts in place until its figures come.
    placeholderData: keepPreviousData,
  });
  const series = query.data === undefined ? undefined : shapeTraffic(query.data);

  return (
    <>
      <h1>{t('console.traffic.title')}</h1>
      <p>{t('console.traffic.intro')}</p>
      <p>
        <label htmlFor={periodId}>{t('console.traffic.period')}</label>{' '}
        <select id={periodId} value={minutes} onChange={(event) => setMinutes(Number(event.target.value))}>
          {PERIODS.map((period) => (
            <option key={period} value={period}>
              {formatDuration(period * 60, locale)}
            </option>
          ))}
        </select>
      </p>
      <QueryState query={query} />
      {series !== undefined && (
        <>
          <p>{t('console.traffic.bucket', { bucket: formatDuration(series.bucketMs / 1000, locale) })}</p>
          {series.points.length === 0 ? (
            <p>{t('console.traffic.empty')}</p>
          ) : (
            <>
              <TrafficCharts series={series} />
              <TrafficTables series={series} />
            </>
          )}
        </>
      )}
    </>
  );
}
