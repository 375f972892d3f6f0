import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { dataOf, useNodeClient } from '../api/node-client';
import { enumLabel } from '../common/enum-label';
import { formatDateTime } from '../common/format';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';
import { useSetSearchParam } from '../common/use-search-param';

const SIDES = ['incoming', 'outgoing'] as const;
const STATES = ['open', 'acknowledged', 'answered', 'declined', 'overdue'] as const;
type Side = (typeof SIDES)[number];
type State = (typeof STATES)[number];

/**
 * Requests with their deadlines, what this node was asked (incoming) or asked (outgoing), overdue
 * first, then by deadline, as the node orders them; an overdue one is marked in words, not colour only.
 */
export function RequestsPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  usePageTitle(t('requests.title'));
  const client = useNodeClient();
  const [params] = useSearchParams();
  const side: Side = params.get('side') === 'outgoing' ? 'outgoing' : 'incoming';
  const stateParam = params.get('state');
  const state = (STATES as readonly string[]).includes(stateParam ?? '') ? (stateParam as State) : undefined;
  const sideId = useId();
  const stateId = useId();
  const requests = useQuery({
    queryKey: ['requests', side, state ?? ''],
    queryFn: async () =>
      dataOf(
        await client.GET('/v1/requests', {
          params: { query: { side, ...(state === undefined ? {} : { state }) } },
        }),
      ),
    refetchInterval: 30_000,
  });
  const set = useSetSearchParam();
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">{t('requests.title')}</h1>
      <fieldset className="desk-filters">
        <legend>{t('inbox.filters.legend')}</legend>
        <div className="desk-field">
          <label htmlFor={sideId}>{t('requests.side')}</label>
          <select id={sideId} value={side} onChange={(e) => set('side', e.target.value)}>
            {SIDES.map((value) => (
              <option key={value} value={value}>
                {t(`requests.sides.${value}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="desk-field">
          <label htmlFor={stateId}>{t('requests.state')}</label>
          <select id={stateId} value={state ?? ''} onChange={(e) => set('state', e.target.value)}>
            <option value="">{t('inbox.filters.all')}</option>
            {STATES.map((value) => (
              <option key={value} value={value}>
                {t(`requestStates.${value}`)}
              </option>
            ))}
          </select>
        </div>
      </fieldset>
      <QueryStatus isPending={requests.isPending} error={requests.error} />
      {requests.data !== undefined &&
        (requests.data.items.length === 0 ? (
          <p>{t('requests.none')}</p>
        ) : (
          <div className="desk-table-wrap">
            <table className="desk-table">
              <caption>{t(`requests.caption.${side}`, { count: requests.data.items.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('requests.request')}</th>
                  <th scope="col">{t('compose.noticeKind')}</th>
                  <th scope="col">{t('compose.priority')}</th>
                  <th scope="col">{t('compose.deadline')}</th>
                  <th scope="col">{t('requests.requester')}</th>
                  <th scope="col">{t('requests.standing')}</th>
                </tr>
              </thead>
              <tbody>
                {requests.data.items.map((request) => (
                  <tr key={request.id} className={request.overdue ? 'desk-overdue' : undefined}>
                    <th scope="row">
                      <Link to={`/messages/${encodeURIComponent(request.id)}`}>
                        {request.headline || request.id}
                      </Link>
                    </th>
                    <td>{enumLabel(t, 'noticeKind', request.kind)}</td>
                    <td>{enumLabel(t, 'priority', request.priority)}</td>
                    <td>
                      <time dateTime={request.deadline}>{formatDateTime(request.deadline, language)}</time>
                      {request.overdue && (
                        <strong className="desk-overdue-mark"> {t('requests.overdue')}</strong>
                      )}
                    </td>
                    <td>{request.requester}</td>
                    <td>
                      {side === 'incoming' ? (
                        t(`requestStates.${request.state}`)
                      ) : (
                        <ul className="desk-plain-list">
                          {request.addressees.map((addressee) => (
                            <li key={addressee.node}>
                              {addressee.node}: {t(`requestStates.${addressee.state}`)}
                              {addressee.overdue ? ` (${t('requests.overdue')})` : ''}
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ))}
    </section>
  );
}
