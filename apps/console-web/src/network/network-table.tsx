import { useTranslation } from 'react-i18next';
import type { Network, NodeInstance, PresenceStatus } from '../api/network';
import { formatCount, formatDuration, formatMoment, NONE } from '../common/format';
import { ColumnHeads, TableRegion } from '../common/table-region';
import { useLocale } from '../common/use-locale';
import { networkRows, shortInstance, type LagTotals } from './network-rows';
import { PresenceBadge } from './presence-badge';

const COLUMNS = [
  'node',
  'instance',
  'kind',
  'organisation',
  'status',
  'heartbeatAge',
  'version',
  'uptime',
  'outboxDepth',
  'outboxOldest',
  'pending',
  'ackPending',
  'redelivered',
  'lastDelivery',
] as const;

function InstanceId(props: { instance: NodeInstance | undefined }) {
  const { instance } = props;
  if (instance === undefined) return <>{NONE}</>;
  const short = shortInstance(instance.instance);
  return short === instance.instance ? <>{short}</> : <abbr title={instance.instance}>{short}</abbr>;
}

/** The cells from the status on: the same for a node's row and its other instances' rows. */
function FigureCells(props: {
  instance?: NodeInstance;
  status: PresenceStatus;
  lag?: LagTotals;
  now: number;
}) {
  const locale = useLocale();
  const { instance, lag } = props;
  return (
    <>
      <td className="presence-cell">
        <PresenceBadge status={props.status} />
      </td>
      <td className="number">{formatDuration(instance?.heartbeatAgeS, locale)}</td>
      <td>{instance?.version ?? NONE}</td>
      <td className="number">{formatDuration(instance?.uptimeS, locale)}</td>
      <td className="number">{formatCount(instance?.outbox?.depth, locale)}</td>
      <td className="number">
        {instance?.outbox === undefined || instance.outbox.depth === 0
          ? NONE
          : formatDuration(instance.outbox.oldestAgeS, locale)}
      </td>
      <td className="number">{formatCount(lag?.pending, locale)}</td>
      <td className="number">{formatCount(lag?.ackPending, locale)}</td>
      <td className="number">{formatCount(lag?.redelivered, locale)}</td>
      <td>{formatMoment(instance?.lastDeliveryAt, locale, props.now)}</td>
    </>
  );
}

/**
 * One row per node and hub: the node's id as the row's header, its status as a word in its own cell,
 * the figures of its freshest instance and the lag of its deliveries; a silent row stands out in red,
 * a late one in amber. A node's other instances follow in rows headed by their instance ids.
 */
export function NetworkTable(props: { network: Network; now: number }) {
  const { t } = useTranslation();
  const rows = networkRows(props.network);
  return (
    <TableRegion caption={t('console.network.caption')} className="network-table">
      <ColumnHeads keys={COLUMNS} label={(key) => t(`console.network.column.${key}`)} />
      <tbody>
        {rows.flatMap(({ key, node, instance, status, lag, others }) => [
          <tr key={key} className={`presence-row presence-row-${status}`}>
            <th scope="row">{node.id}</th>
            <td>
              <InstanceId instance={instance} />
            </td>
            <td>{t(`console.network.kind.${node.kind === 'hub' ? 'hub' : 'node'}`)}</td>
            <td>{node.organisation}</td>
            <FigureCells instance={instance} status={status} lag={lag} now={props.now} />
          </tr>,
          ...others.map((other) => (
            <tr key={other.key} className={`presence-row instance-row presence-row-${other.status}`}>
              <td>
                <span aria-hidden="true">↳</span>
              </td>
              <th scope="row">
                <span className="bl-visually-hidden">{t('console.network.otherInstance')} </span>
                <InstanceId instance={other.instance} />
              </th>
              <td />
              <td />
              <FigureCells instance={other.instance} status={other.status} now={props.now} />
            </tr>
          )),
        ])}
      </tbody>
    </TableRegion>
  );
}
