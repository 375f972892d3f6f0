import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { useApi } from '../api/api-context';
import { actOnDeadLetter, listDeadLetters, type DeadLetterAction } from '../api/dead-letters';
import { QUERY_KEYS, REFRESH_MS } from '../api/query-keys';
import { formatCount, formatTime, NONE } from '../common/format';
import { refusalReason } from '../common/error-text';
import { QueryState } from '../common/query-state';
import { ColumnHeads, TableRegion } from '../common/table-region';
import { useDocumentTitle } from '../common/use-document-title';
import { CONSOLE_PATHS, deadLetterPath, KEEP_FOCUS } from '../shell/console-paths';
import { DeadLetterDetail } from './dead-letter-detail';
import { useLocale } from '../common/use-locale';

/** What the last replay or drop came to, said in the screen's live region. */
interface Outcome {
  ok: boolean;
  text: string;
}

/**
 * `/dead-letters` and `/dead-letters/:id`: the records, and one selected to inspect (headers and
 * reason, never the payload) and to replay or drop after a confirmation; the outcome is announced.
 */
export function DeadLettersScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { id: selected } = useParams();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const outcomeRef = useRef<HTMLDivElement>(null);
  useDocumentTitle(t('console.deadLetters.title'));

  const list = useQuery({
    queryKey: QUERY_KEYS.deadLetters,
    queryFn: () => listDeadLetters(api),
    refetchInterval: REFRESH_MS.deadLetters,
  });

  const act = useMutation({
    mutationFn: ({ id, action }: { id: string; action: DeadLetterAction }) =>
      actOnDeadLetter(api, id, action),
    onMutate: ({ id, action }) =>
      setOutcome({
        ok: true,
        text: t(action === 'replay' ? 'console.deadLetters.replaying' : 'console.deadLetters.dropping', {
          id,
        }),
      }),
    onSuccess: (answer, { id, action }) => {
      setOutcome({
        ok: true,
        text:
          action === 'drop'
            ? t('console.deadLetters.dropped', { id })
            : answer?.subject === undefined
              ? t('console.deadLetters.replayed', { id })
              : t('console.deadLetters.replayedTo', { id, subject: answer.subject }),
      });
      // Both take the record away: back to the list, focus staying on the outcome.
      void navigate(CONSOLE_PATHS.deadLetters, { state: KEEP_FOCUS });
    },
    onError: (error, { id, action }) => {
      setOutcome({
        ok: false,
        text: t(
          action === 'replay' ? 'console.deadLetters.replayRefused' : 'console.deadLetters.dropRefused',
          {
            id,
            reason: refusalReason(error),
          },
        ),
      });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: QUERY_KEYS.deadLetters, exact: true }),
  });

  // Focus follows the outcome: the record and its buttons are gone, and the outcome is what the
  // operator needs to hear next.
  useEffect(() => {
    if (outcome !== null) outcomeRef.current?.focus();
  }, [outcome]);

  const records = list.data?.records ?? [];
  const column = (key: string) => t(`console.deadLetters.column.${key}`);

  return (
    <>
      <h1>{t('console.deadLetters.title')}</h1>
      <p>{t('console.deadLetters.intro')}</p>
      <div
        ref={outcomeRef}
        tabIndex={-1}
        role="status"
        className={
          outcome === null ? 'outcome' : outcome.ok ? 'outcome outcome-ok' : 'outcome outcome-failed'
        }
      >
        {outcome?.text}
      </div>
      <QueryState query={list} />
      <div className="master-detail">
        <div className="master">
          {list.data !== undefined && records.length === 0 ? (
            <p>{t('console.deadLetters.empty')}</p>
          ) : (
            list.data !== undefined && (
              <TableRegion caption={t('console.deadLetters.caption')}>
                <ColumnHeads
                  keys={[
                    'id',
                    'time',
                    'stream',
                    'consumer',
                    'subject',
                    'sequence',
                    'sender',
                    'reason',
                    'deliveries',
                  ]}
                  label={column}
                />
                <tbody>
                  {records.map((record) => (
                    <tr key={record.id} className={record.id === selected ? 'row-selected' : undefined}>
                      <th scope="row">
                        <Link
                          to={deadLetterPath(record.id)}
                          aria-current={record.id === selected ? 'true' : undefined}
                        >
                          {record.id}
                        </Link>
                      </th>
                      <td>{formatTime(record.time, locale)}</td>
                      <td>{record.stream}</td>
                      <td>{record.consumer}</td>
                      <td>
                        <code>{record.subject ?? NONE}</code>
                      </td>
                      <td className="number">{formatCount(record.sequence, locale)}</td>
                      <td>{record.sender ?? NONE}</td>
                      <td>{record.reason}</td>
                      <td className="number">{formatCount(record.deliveries, locale)}</td>
                    </tr>
                  ))}
                </tbody>
              </TableRegion>
            )
          )}
        </div>
        {selected === undefined ? (
          records.length > 0 && <p>{t('console.deadLetters.pick')}</p>
        ) : (
          <DeadLetterDetail
            key={selected}
            id={selected}
            busy={act.isPending}
            onAct={(action) => act.mutate({ id: selected, action })}
          />
        )}
      </div>
    </>
  );
}
