import { useTranslation } from 'react-i18next';
import { Link, useLocation, useParams, useSearchParams } from 'react-router';
import { TlpLabel } from '../../../../libs/web/src/tlp/tlp-label';
import { useHasRole } from '../api/use-me';
import { formatDateTime } from '../common/format';
import { preferredText } from '../common/message-text';
import { usePageTitle } from '../common/page-title';
import { QueryStatus } from '../common/query-status';
import { MessageArea } from './message-area';
import { MessageEvaluation, MessageFacts, NoticeDetails } from './message-facts';
import { MessageItems, MessagePersons } from './message-items';
import { MessageTexts } from './message-texts';
import { ReceiptActions } from './receipt-actions';
import { ReceiptsSection } from './receipts-section';
import { ReleaseRequestForm } from './release-request-form';
import { ReplyForm } from './reply-form';
import { ThreadSection } from './thread-section';
import { TracesSection } from './traces-section';
import type { SentState } from '../common/sent-state';
import { useHeldMessage } from './use-held-message';

/**
 * One message, received or sent: its texts in every language, what it says, where, how it was
 * evaluated, its thread, its receipts (for the sender) and traces, and what the person may do with it.
 */
export function MessagePage() {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const justSent = (useLocation().state as Partial<SentState> | null)?.sent;
  const held = useHeldMessage(id, params.get('thread') ?? undefined);
  const author = useHasRole('author');
  const supervisor = useHasRole('supervisor');
  const data = held.data;
  const title = preferredText(data?.message.texts, language)?.headline ?? t('message.title');
  usePageTitle(title);

  if (data === undefined) {
    return (
      <section aria-labelledby="message-title">
        <h1 id="message-title">{t('message.title')}</h1>
        <QueryStatus isPending={held.isPending} error={held.error} />
      </section>
    );
  }

  const { message } = data;
  const received = data.direction === 'received';
  const alert = data.kind === 'alert';
  return (
    <article aria-labelledby="message-title" className="desk-message">
      <header className="desk-message-header">
        <p className="desk-message-label">
          <TlpLabel tlp={data.handling || message.handling?.tlp} />{' '}
          {data.inbox !== undefined &&
            (data.inbox.verified ? (
              <span className="desk-verified">{t('verification.verified')}</span>
            ) : (
              <span className="desk-unverified">{t('verification.unverified')}</span>
            ))}
        </p>
        <h1 id="message-title">{title}</h1>
        <p className="desk-muted">
          {t(`kinds.${data.kind}`, { defaultValue: data.kind })} · {t(`directions.${data.direction}`)} ·{' '}
          {data.sender}
          {message.sent !== undefined && (
            <>
              {' · '}
              <time dateTime={message.sent}>{formatDateTime(message.sent, language)}</time>
            </>
          )}
        </p>
        {data.state !== undefined && data.state !== 'active' && (
          <p className="desk-state-note" role="note">
            {t(`states.${data.state}`)}
            {data.supersededBy !== undefined && (
              <>
                {' – '}
                <Link
                  to={`/messages/${encodeURIComponent(data.supersededBy)}?thread=${encodeURIComponent(data.thread)}`}
                >
                  {t('message.latestUpdate')}
                </Link>
              </>
            )}
            {data.cancelledBy !== undefined && (
              <>
                {' – '}
                <Link
                  to={`/messages/${encodeURIComponent(data.cancelledBy)}?thread=${encodeURIComponent(data.thread)}`}
                >
                  {t('message.cancellation')}
                </Link>
              </>
            )}
          </p>
        )}
        {justSent !== undefined && (
          <p role="status" className="desk-sent-note">
            {t(`compose.result.${justSent}`, { id })}
          </p>
        )}
      </header>

      {received && author && <ReceiptActions id={id} />}
      {!received && <ReceiptsSection id={id} />}
      {!received && alert && supervisor && (data.state ?? 'active') === 'active' && (
        <nav aria-label={t('message.changeAlert')} className="desk-section desk-buttons">
          <Link className="desk-button" to={`/compose/alert?updates=${encodeURIComponent(id)}`}>
            {t('message.update')}
          </Link>
          <Link className="desk-button" to={`/compose/alert?cancels=${encodeURIComponent(id)}`}>
            {t('message.cancel')}
          </Link>
        </nav>
      )}

      {alert && author && (message.items ?? []).some((item) => item.weapon !== undefined) && (
        <p>
          <Link className="desk-button" to={`/compose/notice?trace=${encodeURIComponent(id)}`}>
            {t('message.requestTrace')}
          </Link>
        </p>
      )}
      <MessageTexts texts={message.texts} />
      <MessageFacts message={message} kind={data.kind} sender={data.sender} />
      <NoticeDetails message={message} />
      <MessageItems items={message.items} />
      <MessagePersons persons={message.persons} />
      <MessageArea area={message.area} label={title} />
      <MessageEvaluation message={message} />
      {alert && <TracesSection id={id} />}
      <ThreadSection thread={data.thread} current={id} />
      {received && author && <ReplyForm id={id} />}
      {received && supervisor && <ReleaseRequestForm id={id} sender={data.sender} />}
    </article>
  );
}
