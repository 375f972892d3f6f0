import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { TlpLabel } from '../../../../libs/web/src/tlp/tlp-label';
import { dataOf, useNodeClient } from '../api/node-client';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';

/**
 * Weapons by serial number among what the node holds (`?serial=`): written in Latin or Cyrillic
 * letters, with or without spaces and dashes, unreadable characters as ?, * or _.
 */
export function SearchPage() {
  const { t } = useTranslation();
  usePageTitle(t('search.title'));
  const client = useNodeClient();
  const [params, setParams] = useSearchParams();
  const serial = params.get('serial') ?? '';
  const [typed, setTyped] = useState(serial);
  const inputId = useId();
  const hintId = useId();
  const search = useQuery({
    queryKey: ['search', serial],
    enabled: serial !== '',
    queryFn: async () => dataOf(await client.GET('/v1/search', { params: { query: { serial } } })),
  });
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">{t('search.title')}</h1>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          setParams(typed.trim() === '' ? {} : { serial: typed.trim() });
        }}
      >
        <div className="desk-field">
          <label htmlFor={inputId}>{t('search.serial')}</label>
          <p id={hintId} className="desk-hint">
            {t('search.hint')}
          </p>
          <input
            id={inputId}
            aria-describedby={hintId}
            value={typed}
            onChange={(e) => setTyped(e.target.value)}
          />
        </div>
        <button type="submit" className="desk-primary">
          {t('search.button')}
        </button>
      </form>
      {serial !== '' && <QueryStatus isPending={search.isPending} error={search.error} />}
      {search.data !== undefined &&
        (search.data.items.length === 0 ? (
          <p role="status">{t('search.none', { serial })}</p>
        ) : (
          <table className="desk-table">
            <caption>{t('search.caption', { count: search.data.items.length, serial })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('search.written')}</th>
                <th scope="col">{t('search.message')}</th>
                <th scope="col">{t('inbox.columns.kind')}</th>
                <th scope="col">{t('inbox.columns.sender')}</th>
                <th scope="col">{t('inbox.columns.handling')}</th>
                <th scope="col">{t('search.match')}</th>
              </tr>
            </thead>
            <tbody>
              {search.data.items.map((hit, index) => (
                <tr key={`${hit.message}-${index}`}>
                  <th scope="row">{hit.written}</th>
                  <td>
                    <Link to={`/messages/${encodeURIComponent(hit.message)}`}>{hit.message}</Link>
                  </td>
                  <td>{t(`kinds.${hit.kind}`)}</td>
                  <td>{hit.sender}</td>
                  <td>
                    <TlpLabel tlp={hit.handling} />
                  </td>
                  <td>{t(`search.matches.${hit.match}`)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
