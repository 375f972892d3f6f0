import { useQuery } from '@tanstack/react-query';
import { useId, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context';
import { getNats, type NatsOverview, type UsageWithLimit } from '../api/nats';
import { QUERY_KEYS, REFRESH_MS } from '../api/query-keys';
import { formatBytes, formatCount, formatDuration, formatShare, formatTime, NONE } from '../common/format';
import { QueryState } from '../common/query-state';
import { ColumnHeads, TableRegion } from '../common/table-region';
import { useDocumentTitle } from '../common/use-document-title';
import { useLocale } from '../common/use-locale';

/** `/nats`: the servers, their routes and leaf links, and JetStream's usage against its limits. */
export function NatsScreen() {
  const { t } = useTranslation();
  const api = useApi();
  useDocumentTitle(t('console.nats.title'));
  const query = useQuery({
    queryKey: QUERY_KEYS.nats,
    queryFn: () => getNats(api),
    refetchInterval: REFRESH_MS.nats,
  });
  return (
    <>
      <h1>{t('console.nats.title')}</h1>
      <p>{t('console.nats.intro')}</p>
      <QueryState query={query} />
      {query.data !== undefined && <NatsTables nats={query.data} />}
    </>
  );
}

function Section(props: { title: string; children: ReactNode }) {
  const id = useId();
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{props.title}</h2>
      {props.children}
    </section>
  );
}

/** A route's or leaf link's state: connected, or cut and since when the console has missed it. */
function LinkState(props: { connected: boolean; cutSince?: string | null }) {
  const { t } = useTranslation();
  const locale = useLocale();
  if (props.connected) return <>{t('console.nats.connected')}</>;
  return (
    <>
      {props.cutSince === undefined || props.cutSince === null
        ? t('console.nats.cut')
        : t('console.nats.cutSince', { time: formatTime(props.cutSince, locale) })}
    </>
  );
}

/** A route or a leaf link: between whom, and whether it holds. */
interface LinkRow {
  key: string;
  name: string;
  detail: string;
  connected: boolean;
  cutSince?: string | null;
}

/** The routes or the leaf links in a table, a cut one standing out; a line saying none when none. */
function LinksSection(props: { title: string; columns: readonly string[]; links: readonly LinkRow[] }) {
  const { t } = useTranslation();
  return (
    <Section title={props.title}>
      {props.links.length === 0 ? (
        <p>{t('console.state.none')}</p>
      ) : (
        <TableRegion caption={props.title} captionHidden>
          <ColumnHeads keys={props.columns} label={(key) => t(`console.nats.column.${key}`)} />
          <tbody>
            {props.links.map((link) => (
              <tr key={link.key} className={link.connected ? undefined : 'row-bad'}>
                <th scope="row">{link.name}</th>
                <td>{link.detail}</td>
                <td className={link.connected ? undefined : 'state-bad'}>
                  <LinkState connected={link.connected} cutSince={link.cutSince} />
                </td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      )}
    </Section>
  );
}

function NatsTables({ nats }: { nats: NatsOverview }) {
  const { t } = useTranslation();
  const locale = useLocale();
  const column = (key: string) => t(`console.nats.column.${key}`);
  const none = <p>{t('console.state.none')}</p>;
  const js = nats.jetstream;
  const limit = (usage: UsageWithLimit) =>
    usage.limit === undefined || usage.limit === null || usage.limit <= 0
      ? t('console.nats.noLimit')
      : formatBytes(usage.limit, locale);

  return (
    <>
      {nats.source === 'account' && <p className="note">{t('console.nats.accountOnly')}</p>}
      <Section title={t('console.nats.servers')}>
        {nats.servers.length === 0 ? (
          none
        ) : (
          <TableRegion caption={t('console.nats.servers')} captionHidden>
            <ColumnHeads keys={['name', 'id', 'version', 'uptime', 'connections']} label={column} />
            <tbody>
              {nats.servers.map((server) => (
                <tr key={server.id}>
                  <th scope="row">{server.name}</th>
                  <td>
                    <code>{server.id}</code>
                  </td>
                  <td>{server.version}</td>
                  <td className="number">{formatDuration(server.uptimeS, locale)}</td>
                  <td className="number">{formatCount(server.connections, locale)}</td>
                </tr>
              ))}
            </tbody>
          </TableRegion>
        )}
      </Section>
      <LinksSection
        title={t('console.nats.routes')}
        columns={['server', 'remote', 'state']}
        links={nats.routes.map((route) => ({
          key: `${route.server}>${route.remote}`,
          name: route.server,
          detail: route.remote,
          connected: route.connected,
          cutSince: route.cutSince,
        }))}
      />
      <LinksSection
        title={t('console.nats.leafLinks')}
        columns={['name', 'account', 'state']}
        links={nats.leafLinks.map((link) => ({
          key: `${link.name}/${link.account}`,
          name: link.name,
          detail: link.account,
          connected: link.connected,
          cutSince: link.cutSince,
        }))}
      />
      <Section title={t('console.nats.jetstream')}>
        <TableRegion caption={t('console.nats.jetstream')} captionHidden>
          <ColumnHeads keys={['measure', 'used', 'limit', 'share']} label={column} />
          <tbody>
            {(
              [
                ['streams', formatCount(js.streams, locale)],
                ['consumers', formatCount(js.consumers, locale)],
                ['messages', formatCount(js.messages, locale)],
                ['bytes', formatBytes(js.bytes, locale)],
              ] as const
            ).map(([key, value]) => (
              <tr key={key}>
                <th scope="row">{t(`console.nats.${key}`)}</th>
                <td className="number">{value}</td>
                <td className="number">{NONE}</td>
                <td className="number">{NONE}</td>
              </tr>
            ))}
            {(['memory', 'storage'] as const).map((key) => (
              <tr key={key}>
                <th scope="row">{t(`console.nats.${key}`)}</th>
                <td className="number">{formatBytes(js[key].used, locale)}</td>
                <td className="number">{limit(js[key])}</td>
                <td className="number">{formatShare(js[key].used, js[key].limit, locale)}</td>
              </tr>
            ))}
          </tbody>
        </TableRegion>
      </Section>
    </>
  );
}
