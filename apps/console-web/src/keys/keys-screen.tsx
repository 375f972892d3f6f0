import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context';
import { listKeys } from '../api/keys';
import { QUERY_KEYS } from '../api/query-keys';
import { getRegistry } from '../api/registry';
import { formatDuration, formatTime, NONE } from '../common/format';
import { QueryState } from '../common/query-state';
import { ColumnHeads, TableRegion } from '../common/table-region';
import { useDocumentTitle } from '../common/use-document-title';
import { daysLeft, EXPIRY_SOON_DAYS, keyStanding, sortKeysForReview } from './key-expiry';
import { RegistryTables } from './registry-tables';
import { useLocale } from '../common/use-locale';

const DAY_S = 86_400;

/** `/keys`: the nodes' keys, those to act on first, and the registry as the console server loaded it. */
export function KeysScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const keysTitle = useId();
  const registryTitle = useId();
  useDocumentTitle(t('console.keys.title'));
  const keys = useQuery({ queryKey: QUERY_KEYS.keys, queryFn: () => listKeys(api) });
  const registry = useQuery({ queryKey: QUERY_KEYS.registry, queryFn: () => getRegistry(api) });
  const now = keys.dataUpdatedAt;
  const column = (key: string) => t(`console.keys.column.${key}`);

  return (
    <>
      <h1>{t('console.keys.title')}</h1>
      <p>{t('console.keys.intro')}</p>
      <section aria-labelledby={keysTitle}>
        <h2 id={keysTitle}>{t('console.keys.keysTitle')}</h2>
        <QueryState query={keys} />
        <p>{t('console.keys.soonNote', { days: EXPIRY_SOON_DAYS })}</p>
        {keys.data !== undefined &&
          (keys.data.keys.length === 0 ? (
            <p>{t('console.state.none')}</p>
          ) : (
            <TableRegion caption={t('console.keys.keysCaption')} className="keys-table">
              <ColumnHeads
                keys={['node', 'standing', 'left', 'notBefore', 'notAfter', 'revokedAt', 'publicKey']}
                label={column}
              />
              <tbody>
                {sortKeysForReview(keys.data.keys, now).map((key) => {
                  const standing = keyStanding(key, now);
                  const days = daysLeft(key, now);
                  return (
                    <tr key={`${key.node}/${key.publicKey}`} className={`key-row key-row-${standing}`}>
                      <th scope="row">{key.node}</th>
                      <td>
                        <span className={`key-standing key-standing-${standing}`}>
                          {t(`console.keys.standing.${standing}`)}
                        </span>
                      </td>
                      <td className="number">
                        {days === undefined || standing === 'revoked'
                          ? NONE
                          : days < 0
                            ? t('console.keys.ago', { duration: formatDuration(-days * DAY_S, locale) })
                            : formatDuration(days * DAY_S, locale)}
                      </td>
                      <td>{formatTime(key.notBefore, locale)}</td>
                      <td>{formatTime(key.notAfter, locale)}</td>
                      <td>{formatTime(key.revokedAt, locale)}</td>
                      <td>
                        <code className="public-key">{key.publicKey}</code>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </TableRegion>
          ))}
      </section>
      <section aria-labelledby={registryTitle}>
        <h2 id={registryTitle}>{t('console.keys.registryTitle')}</h2>
        <QueryState query={registry} />
        {registry.data !== undefined && <RegistryTables registry={registry.data} />}
      </section>
    </>
  );
}
