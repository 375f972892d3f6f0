import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useApi } from '../api/api-context';
import { ApiRefusedError } from '../api/api.errors';
import { getDeadLetter, type DeadLetterAction } from '../api/dead-letters';
import { QUERY_KEYS } from '../api/query-keys';
import { ConfirmDialog } from '../common/confirm-dialog';
import { formatCount, formatTime, NONE } from '../common/format';
import { QueryState } from '../common/query-state';
import { TableRegion } from '../common/table-region';
import { CONSOLE_PATHS } from '../shell/console-paths';
import { useLocale } from '../common/use-locale';

/** One dead letter: its fields, headers and reason, and Replay and Drop behind a confirmation. */
export function DeadLetterDetail(props: {
  id: string;
  busy: boolean;
  onAct: (action: DeadLetterAction) => void;
}) {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const titleId = useId();
  const [asking, setAsking] = useState<DeadLetterAction | null>(null);
  const { id } = props;
  const query = useQuery({ queryKey: QUERY_KEYS.deadLetter(id), queryFn: () => getDeadLetter(api, id) });
  const record = query.data;
  const gone = query.error instanceof ApiRefusedError && query.error.status === 404;

  const fields: [string, string][] =
    record === undefined
      ? []
      : [
          ['time', formatTime(record.time, locale)],
          ['stream', record.stream],
          ['consumer', record.consumer],
          ['subject', record.subject ?? NONE],
          ['sequence', formatCount(record.sequence, locale)],
          ['sender', record.sender ?? NONE],
          ['msgId', record.msgId ?? NONE],
          ['deliveries', formatCount(record.deliveries, locale)],
          ['reason', record.reason],
        ];

  return (
    <section className="detail" aria-labelledby={titleId}>
      <h2 id={titleId}>{t('console.deadLetters.detailTitle', { id })}</h2>
      {gone ? (
        <p>{t('console.deadLetters.gone', { id })}</p>
      ) : (
        <QueryState query={query} showUpdated={false} />
      )}
      {record !== undefined && (
        <>
          <dl className="fields">
            {fields.map(([key, value]) => (
              <div key={key}>
                <dt>{t(`console.deadLetters.column.${key}`)}</dt>
                <dd>{value}</dd>
              </div>
            ))}
          </dl>
          {record.verified === false && (
            <p className="state-bad">
              {t('console.deadLetters.notVerified', { problem: record.problem ?? NONE })}
            </p>
          )}
          <h3>{t('console.deadLetters.headers')}</h3>
          {Object.keys(record.headers ?? {}).length === 0 ? (
            <p>{t('console.deadLetters.noHeaders')}</p>
          ) : (
            <TableRegion caption={t('console.deadLetters.headers')} className="headers-table" captionHidden>
              <thead>
                <tr>
                  <th scope="col">{t('console.deadLetters.column.header')}</th>
                  <th scope="col">{t('console.deadLetters.column.value')}</th>
                </tr>
              </thead>
              <tbody>
                {Object.entries(record.headers)
                  .sort(([a], [b]) => a.localeCompare(b))
                  .flatMap(([name, values]) =>
                    values.map((value, index) => (
                      <tr key={`${name}#${index}`}>
                        <th scope="row">
                          <code>{name}</code>
                        </th>
                        <td>
                          <code>{value}</code>
                        </td>
                      </tr>
                    )),
                  )}
              </tbody>
            </TableRegion>
          )}
          <p className="note">{t('console.deadLetters.noPayload')}</p>
          <div className="actions">
            <button
              type="button"
              disabled={props.busy || record.verified === false}
              onClick={() => setAsking('replay')}
            >
              {t('console.deadLetters.replay')}
            </button>
            <button
              type="button"
              className="button-danger"
              disabled={props.busy}
              onClick={() => setAsking('drop')}
            >
              {t('console.deadLetters.drop')}
            </button>
            <Link to={CONSOLE_PATHS.deadLetters}>{t('console.deadLetters.close')}</Link>
          </div>
          <ConfirmDialog
            open={asking !== null}
            title={t(
              asking === 'drop' ? 'console.deadLetters.dropQuestion' : 'console.deadLetters.replayQuestion',
              { id },
            )}
            confirmLabel={t('console.deadLetters.confirm')}
            cancelLabel={t('console.deadLetters.cancel')}
            onCancel={() => setAsking(null)}
            onConfirm={() => {
              const action = asking;
              setAsking(null);
              if (action !== null) props.onAct(action);
            }}
          >
            <p>
              {asking === 'drop'
                ? t('console.deadLetters.dropExplained')
                : t('console.deadLetters.replayExplained', {
                    stream: record.stream,
                    consumer: record.consumer,
                  })}
            </p>
          </ConfirmDialog>
        </>
      )}
    </section>
  );
}
