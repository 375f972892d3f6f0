import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context';
import { getNetwork } from '../api/network';
import { QUERY_KEYS, REFRESH_MS } from '../api/query-keys';
import { formatDuration } from '../common/format';
import { QueryState } from '../common/query-state';
import { useDocumentTitle } from '../common/use-document-title';
import { NetworkMap } from './network-map';
import { countByStatus } from './network-rows';
import { NetworkTable } from './network-table';
import { PresenceShape } from './presence-badge';
import { PRESENCE_STATUSES } from './presence-look';
import { useLocale } from '../common/use-locale';

/** `/`: the network on the map and as a table, from the nodes' and hubs' heartbeats, every 2 s. */
export function NetworkScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const mapTitle = useId();
  const tableTitle = useId();
  useDocumentTitle(t('console.network.title'));
  const query = useQuery({
    queryKey: QUERY_KEYS.network,
    queryFn: () => getNetwork(api),
    refetchInterval: REFRESH_MS.network,
  });
  const network = query.data;
  const counts = network === undefined ? undefined : countByStatus(network);
  const unplaced = network?.nodes.filter((node) => node.location === undefined).map((node) => node.id) ?? [];

  return (
    <>
      <h1>{t('console.network.title')}</h1>
      <p>{t('console.network.intro')}</p>
      <QueryState query={query} />
      {network !== undefined && counts !== undefined && (
        <>
          <p>
            {t('console.network.summary', counts)}{' '}
            {t('console.network.interval', {
              interval: formatDuration(network.heartbeatIntervalMs / 1000, locale),
            })}
          </p>
          <section aria-labelledby={mapTitle}>
            <h2 id={mapTitle}>{t('console.network.mapTitle')}</h2>
            <NetworkMap nodes={network.nodes} label={t('console.network.mapLabel')} />
            <h3>{t('console.network.legend')}</h3>
            <ul className="presence-legend">
              {PRESENCE_STATUSES.map((status) => (
                <li key={status}>
                  <PresenceShape status={status} size={18} />
                  <span>
                    <strong>{t(`console.network.status.${status}`)}</strong>:{' '}
                    {t(`console.network.statusMeaning.${status}`)}
                  </span>
                </li>
              ))}
            </ul>
            {unplaced.length > 0 && <p>{t('console.network.unplaced', { nodes: unplaced.join(', ') })}</p>}
          </section>
          <section aria-labelledby={tableTitle}>
            <h2 id={tableTitle}>{t('console.network.tableTitle')}</h2>
            <NetworkTable network={network} now={query.dataUpdatedAt} />
          </section>
        </>
      )}
    </>
  );
}
