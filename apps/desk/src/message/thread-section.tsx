import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { TlpLabel } from '../../../../libs/web/src/tlp/tlp-label';
import type { AnyMessage } from '../api/node-types';
import { formatDateTime } from '../common/format';
import { preferredText } from '../common/message-text';
import { QueryStatus } from '../common/query-status';
import { useThread } from './use-held-message';

/** The thread the message belongs to: what the node received and sent in it, oldest first. */
export function ThreadSection(props: { thread: string; current: string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.resolvedLanguage ?? i18n.language;
  const thread = useThread(props.thread);
  return (
    <section aria-labelledby="thread-title" className="desk-section">
      <h2 id="thread-title">{t('message.thread')}</h2>
      <QueryStatus isPending={thread.isPending} error={thread.error} />
      {thread.data === null && <p>{t('message.noThread')}</p>}
      {thread.data != null && (
        <ol className="desk-thread">
          {thread.data.items.map((entry) => {
            const message = entry.message as AnyMessage;
            const title = preferredText(message.texts, language)?.headline ?? entry.id;
            const current = entry.id === props.current;
            return (
              <li key={entry.id} aria-current={current ? 'true' : undefined}>
                <TlpLabel tlp={entry.handling} />{' '}
                {current ? (
                  <strong>{title}</strong>
                ) : (
                  <Link
                    to={`/messages/${encodeURIComponent(entry.id)}?thread=${encodeURIComponent(props.thread)}`}
                  >
                    {title}
                  </Link>
                )}{' '}
                <span className="desk-muted">
                  {t(`kinds.${entry.kind}`)} · {t(`directions.${entry.direction}`)} · {entry.sender} ·{' '}
                  <time dateTime={entry.sent}>{formatDateTime(entry.sent, language)}</time>
                  {entry.state !== undefined && entry.state !== 'active'
                    ? ` · ${t(`states.${entry.state}`)}`
                    : ''}
                </span>
              </li>
            );
          })}
        </ol>
      )}
    </section>
  );
}
