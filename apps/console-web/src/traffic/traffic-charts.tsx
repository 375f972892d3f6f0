import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { formatClock, formatTime } from '../common/format';
import { FLOW_STYLE, reasonColour } from './traffic-palette';
import type { TrafficPoint, TrafficSeries } from './traffic-series';
import { useLocale } from '../common/use-locale';

const CHART_HEIGHT = 280;

/**
 * Two charts: accepted, delivered and dead-lettered as lines, and the rejections as bars stacked by
 * reason. The tables below hold the same figures for whoever cannot see the charts.
 */
export function TrafficCharts(props: { series: TrafficSeries }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const flowTitle = useId();
  const rejectedTitle = useId();
  const { points, reasons } = props.series;
  const time = {
    dataKey: 'at',
    type: 'number' as const,
    scale: 'time' as const,
    domain: ['dataMin', 'dataMax'],
    tickFormatter: (value: number) => formatClock(value, locale),
  };
  const label = (value: unknown) => formatTime(Number(value), locale);

  return (
    <>
      <figure className="chart" aria-labelledby={flowTitle}>
        <h2 id={flowTitle}>{t('console.traffic.flowTitle')}</h2>
        <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
          <LineChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" stroke="#d0d0d0" />
            <XAxis {...time} />
            <YAxis allowDecimals={false} />
            <Tooltip labelFormatter={label} />
            <Legend itemSorter={null} />
            {(['accepted', 'delivered', 'deadLettered'] as const).map((measure) => (
              <Line
                key={measure}
                dataKey={measure}
                name={t(`console.traffic.series.${measure}`)}
                stroke={FLOW_STYLE[measure].colour}
                strokeDasharray={FLOW_STYLE[measure].dash}
                strokeWidth={2}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </figure>
      <figure className="chart" aria-labelledby={rejectedTitle}>
        <h2 id={rejectedTitle}>{t('console.traffic.rejectedTitle')}</h2>
        {reasons.length === 0 ? (
          <p>{t('console.traffic.noRejections')}</p>
        ) : (
          <ResponsiveContainer width="100%" height={CHART_HEIGHT}>
            <BarChart data={points} margin={{ top: 8, right: 16, bottom: 8, left: 0 }}>
              <CartesianGrid strokeDasharray="3 3" stroke="#d0d0d0" />
              <XAxis {...time} />
              <YAxis allowDecimals={false} />
              <Tooltip labelFormatter={label} />
              <Legend itemSorter={null} />
              {reasons.map((reason, index) => (
                <Bar
                  key={reason}
                  dataKey={(point: TrafficPoint) => point.byReason[reason] ?? 0}
                  name={reason}
                  stackId="rejected"
                  fill={reasonColour(index)}
                  isAnimationActive={false}
                />
              ))}
            </BarChart>
          </ResponsiveContainer>
        )}
      </figure>
    </>
  );
}
