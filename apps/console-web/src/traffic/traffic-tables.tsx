import { useTranslation } from 'react-i18next';
import { formatCount, formatTime } from '../common/format';
import { TableRegion } from '../common/table-region';
import type { TrafficSeries } from './traffic-series';
import { useLocale } from '../common/use-locale';

/** The charts' figures in text: totals over the period, and every point behind a disclosure. */
export function TrafficTables(props: { series: TrafficSeries }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const { points, reasons, totals } = props.series;
  const measures: [string, number][] = [
    [t('console.traffic.series.accepted'), totals.accepted],
    [t('console.traffic.series.rejected'), totals.rejected],
    ...reasons.map((reason): [string, number] => [
      t('console.traffic.rejectedReason', { reason }),
      totals.byReason[reason] ?? 0,
    ]),
    [t('console.traffic.series.delivered'), totals.delivered],
    [t('console.traffic.series.deadLettered'), totals.deadLettered],
  ];
  return (
    <>
      <TableRegion caption={t('console.traffic.totalsCaption')}>
        <thead>
          <tr>
            <th scope="col">{t('console.traffic.column.measure')}</th>
            <th scope="col">{t('console.traffic.column.messages')}</th>
          </tr>
        </thead>
        <tbody>
          {measures.map(([measure, value]) => (
            <tr key={measure}>
              <th scope="row">{measure}</th>
              <td className="number">{formatCount(value, locale)}</td>
            </tr>
          ))}
        </tbody>
      </TableRegion>
      <details className="traffic-data">
        <summary>{t('console.traffic.dataSummary')}</summary>
        <TableRegion caption={t('console.traffic.dataCaption')}>
          <thead>
            <tr>
              <th scope="col">{t('console.traffic.column.time')}</th>
              <th scope="col">{t('console.traffic.series.accepted')}</th>
              {reasons.map((reason) => (
                <th key={reason} scope="col">
                  {t('console.traffic.rejectedReason', { reason })}
                </th>
              ))}
              <th scope="col">{t('console.traffic.series.delivered')}</th>
              <th scope="col">{t('console.traffic.series.deadLettered')}</th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.at}>
                <th scope="row">{formatTime(point.at, locale)}</th>
                <td className="number">{formatCount(point.accepted, locale)}</td>
                {reasons.map((reason) => (
                  <td key={reason} className="number">
                    {formatCount(point.byReason[reason], locale)}
                  </td>
                ))}
                <td className="number">{formatCount(point.delivered, locale)}</td>
                <td className="number">{formatCount(point.deadLettered, locale)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </details>
    </>
  );
}
