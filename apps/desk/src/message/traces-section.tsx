import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { formatDateTime } from '../common/format';
import { QueryStatus } from '../common/query-status';
import { useTraces } from './use-held-message';

interface TraceResult {
  summary?: string;
  lastLegalHolder?: string;
  holderCountry?: string;
}

/** A seizure alert's firearms traces and where each stands, at the requester and the tracer alike. */
export function TracesSection(props: { id: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const traces = useTraces(props.id, true);
  if (traces.data !== undefined && traces.data.length === 0) return null;
  return (
    <section aria-labelledby="traces-title" className="desk-section">
      <h2 id="traces-title">{t('traces.title')}</h2>
      <QueryStatus isPending={traces.isPending} error={traces.error} />
      {traces.data !== undefined && (
        <table className="desk-table">
          <thead>
            <tr>
              <th scope="col">{t('traces.request')}</th>
              <th scope="col">{t('traces.weapon')}</th>
              <th scope="col">{t('traces.requester')}</th>
              <th scope="col">{t('traces.tracer')}</th>
              <th scope="col">{t('traces.state')}</th>
              <th scope="col">{t('traces.result')}</th>
            </tr>
          </thead>
          <tbody>
            {traces.data.map((trace) => {
              const weapon = trace.weapon as { serialNumber?: string; model?: string };
              const result = trace.result as TraceResult | undefined;
              return (
                <tr key={trace.id}>
                  <th scope="row">
                    <Link to={`/messages/${encodeURIComponent(trace.id)}`}>{trace.id}</Link>
                  </th>
                  <td>{[weapon.model, weapon.serialNumber].filter(Boolean).join(' · ')}</td>
                  <td>{trace.requester}</td>
                  <td>{trace.addressees.join(', ')}</td>
                  <td>
                    {t(`traceStates.${trace.state}`)}
                    {trace.at === undefined ? '' : ` (${formatDateTime(trace.at, language)})`}
                    {trace.reason === undefined ? '' : ` – ${trace.reason}`}
                  </td>
                  <td>
                    {result === undefined
                      ? ''
                      : [result.summary, result.lastLegalHolder, result.holderCountry]
                          .filter(Boolean)
                          .join(' · ')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}
