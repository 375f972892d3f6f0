import { useTranslation } from 'react-i18next';
import type { Network } from '../api/network';
import { formatCount, formatDuration, formatTime, NONE } from '../common/format';
import { TableRegion } from '../common/table-region';
import { networkRows } from './network-rows';
import { PresenceBadge } from './presence-badge';
import { useLocale } from '../common/use-locale';

// Instance ids are UUIDs: their first characters tell two instances of a node apart.
const SHORT_INSTANCE = 8;

/**
 * Every node and hub instance, one row each, the node's id as the row's header and its status as a
 * word in its own cell; a silent row stands out in red, a late one in amber.
 */
export function NetworkTable(props: { network: Network }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const rows = networkRows(props.network);
  const column = (key: string) => t(`console.network.column.${key}`);
  return (
    <TableRegion caption={t('console.network.caption')} className="network-table">
      <thead>
        <tr>
          {[
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
          ].map((key) => (
            <th key={key} scope="col">
              {column(key)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, node, instance, status, lag }) => (
          <tr key={key} className={`presence-row presence-row-${status}`}>
            <th scope="row">{node.id}</th>
            <td>
              {instance === undefined ? (
                NONE
              ) : instance.instance.length > SHORT_INSTANCE ? (
                <abbr title={instance.instance}>{instance.instance.slice(0, SHORT_INSTANCE)}</abbr>
              ) : (
                instance.instance
              )}
            </td>
            <td>{t(`console.network.kind.${node.kind === 'hub' ? 'hub' : 'node'}`)}</td>
            <td>{node.organisation}</td>
            <td className="presence-cell">
              <PresenceBadge status={status} />
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
            <td>{formatTime(instance?.lastDeliveryAt, locale)}</td>
          </tr>
        ))}
      </tbody>
    </TableRegion>
  );
}
