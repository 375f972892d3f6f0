import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../common/format';
import { QueryStatus } from '../common/query-status';
import { useSentStatus } from './use-held-message';

/**
 * For the sender: whether the hub took the message, and each recipient's state (pending → delivered →
 * read → acknowledged | declined), read again every few seconds so an acknowledgement shows up.
 */
export function ReceiptsSection(props: { id: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const sent = useSentStatus(props.id, true);
  const status = sent.data;
  const counts = (status?.recipients ?? []).reduce<Record<string, number>>(
    (all, recipient) => ({ ...all, [recipient.state]: (all[recipient.state] ?? 0) + 1 }),
    {},
  );
  return (
    <section aria-labelledby="receipts-title" className="desk-section">
      <h2 id="receipts-title">{t('receipts.title')}</h2>
      <QueryStatus isPending={sent.isPending} error={sent.error} />
      {status !== undefined && (
        <>
          <p role="status" aria-live="polite">
            {t(`receipts.status.${status.status}`)}
            {status.recipients.length > 0 &&
              ` · ${t('receipts.summary', {
                total: status.recipients.length,
                acknowledged: counts.acknowledged ?? 0,
                read: counts.read ?? 0,
                declined: counts.declined ?? 0,
              })}`}
          </p>
          {status.rejection !== undefined && (
            <p role="alert" className="desk-error">
              {t('receipts.rejected', { reason: status.rejection.reason, detail: status.rejection.detail })}
            </p>
          )}
          {status.recipients.length > 0 && (
            <table className="desk-table">
              <caption>{t('receipts.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('receipts.recipient')}</th>
                  <th scope="col">{t('receipts.state')}</th>
                  <th scope="col">{t('receipts.since')}</th>
                  <th scope="col">{t('receipts.reason')}</th>
                </tr>
              </thead>
              <tbody>
                {status.recipients.map((recipient) => (
                  <tr key={recipient.node} data-state={recipient.state}>
                    <th scope="row">{recipient.node}</th>
                    <td>{t(`deliveryStates.${recipient.state}`)}</td>
                    <td>
                      <time dateTime={recipient.updatedAt}>
                        {formatDateTime(recipient.updatedAt, language)}
                      </time>
                    </td>
                    <td>{recipient.reason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
