import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { dataOf, useNodeClient } from '../api/node-client';
import type { ReleaseItem } from '../api/node-types';
import { useHasRole } from '../api/use-me';
import { errorText } from '../common/error-text';
import { formatDateTime } from '../common/format';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';

/** One pending request to decide: approve, or refuse with a reason (TLP:RED and AMBER+STRICT take two). */
function ReleaseDecision(props: { item: ReleaseItem; onDecided: (outcome: string) => void }) {
  const { t } = useTranslation();
  const client = useNodeClient();
  const queries = useQueryClient();
  const reasonId = useId();
  const [reason, setReason] = useState('');
  const decide = useMutation({
    mutationFn: async (approve: boolean) => {
      const result = await client.POST('/v1/releases/{requestId}/decision', {
        params: { path: { requestId: props.item.request } },
        body: { approve, ...(reason === '' ? {} : { reason }) },
      });
      return { approve, answer: dataOf(result) as { status: string } };
    },
    // A decided request leaves the pending list, this form with it: the page says what became of it.
    onSuccess: ({ approve, answer }) => {
      props.onDecided(
        answer.status === 'awaiting-second-approval'
          ? t('release.awaitingSecond')
          : t(approve ? 'release.approved' : 'release.refused'),
      );
      void queries.invalidateQueries({ queryKey: ['releases'] });
    },
  });
  return (
    <form className="desk-inline-form" onSubmit={(event) => event.preventDefault()}>
      <div className="desk-field">
        <label htmlFor={reasonId}>{t('release.decisionReason')}</label>
        <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} />
      </div>
      <div className="desk-buttons">
        <button
          type="button"
          className="desk-primary"
          disabled={decide.isPending}
          onClick={() => decide.mutate(true)}
        >
          {t('release.approve')}
        </button>
        <button
          type="button"
          disabled={decide.isPending || reason.trim() === ''}
          onClick={() => decide.mutate(false)}
        >
          {t('release.refuse')}
        </button>
      </div>
      {decide.error !== null && (
        <p role="alert" className="desk-error">
          {errorText(t, decide.error)}
        </p>
      )}
    </form>
  );
}

/** Release requests: those asked of this agency to decide, and the answers to those it asked. */
export function ReleasesPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  usePageTitle(t('release.title'));
  const supervisor = useHasRole('supervisor');
  const [outcome, setOutcome] = useState('');
  const client = useNodeClient();
  const releases = useQuery({
    queryKey: ['releases'],
    enabled: supervisor,
    queryFn: async () => dataOf(await client.GET('/v1/releases')),
    refetchInterval: 15_000,
  });
  if (!supervisor) {
    return (
      <section aria-labelledby="releases-title">
        <h1 id="releases-title">{t('release.title')}</h1>
        <p>{t('release.needsSupervisor')}</p>
      </section>
    );
  }
  return (
    <section aria-labelledby="releases-title">
      <h1 id="releases-title">{t('release.title')}</h1>
      <QueryStatus isPending={releases.isPending} error={releases.error} />
      {releases.data !== undefined && (
        <>
          <section aria-labelledby="pending-title" className="desk-section">
            <h2 id="pending-title">{t('release.pending')}</h2>
            <p role="status" aria-live="polite">
              {outcome}
            </p>
            {releases.data.pending.length === 0 && <p>{t('release.nonePending')}</p>}
            <ul className="desk-cards">
              {releases.data.pending.map((item) => (
                <li key={item.request} className="desk-card">
                  <h3>
                    <Link to={`/messages/${encodeURIComponent(item.message)}`}>
                      {t('release.item', { requester: item.requester, to: item.to })}
                    </Link>
                  </h3>
                  <p>
                    {item.reason === undefined ? '' : `${t('release.reason')}: ${item.reason} · `}
                    <time dateTime={item.receivedAt}>{formatDateTime(item.receivedAt, language)}</time>
                    {(item.approvals ?? []).length > 0 &&
                      ` · ${t('release.approvedBy', { names: item.approvals!.map((a) => a.by).join(', ') })}`}
                  </p>
                  <ReleaseDecision item={item} onDecided={setOutcome} />
                </li>
              ))}
            </ul>
          </section>
          <section aria-labelledby="answers-title" className="desk-section">
            <h2 id="answers-title">{t('release.answers')}</h2>
            {releases.data.answers.length === 0 ? (
              <p>{t('release.noAnswers')}</p>
            ) : (
              <table className="desk-table">
                <thead>
                  <tr>
                    <th scope="col">{t('release.message')}</th>
                    <th scope="col">{t('release.to')}</th>
                    <th scope="col">{t('release.decision')}</th>
                    <th scope="col">{t('release.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {releases.data.answers.map((item) => (
                    <tr key={item.request}>
                      <th scope="row">
                        <Link to={`/messages/${encodeURIComponent(item.message)}`}>{item.message}</Link>
                      </th>
                      <td>{item.to}</td>
                      <td>
                        {item.approved === undefined
                          ? ''
                          : t(item.approved ? 'release.approved' : 'release.refused')}
                      </td>
                      <td>{item.decisionReason}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        </>
      )}
    </section>
  );
}
