import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dataOf, useNodeClient } from '../api/node-client';
import { errorText } from '../common/error-text';

type Answer = 'read' | 'acknowledged' | 'declined';

/** The recipient's answers: read, acknowledge, or decline with a reason (a signed receipt each). */
export function ReceiptActions(props: { id: string }) {
  const { t } = useTranslation();
  const client = useNodeClient();
  const [declining, setDeclining] = useState(false);
  const [reason, setReason] = useState('');
  const reasonId = useId();
  const send = useMutation({
    mutationFn: async (answer: { kind: Answer; reason?: string }) =>
      dataOf(
        await client.POST('/v1/messages/{id}/receipts', {
          params: { path: { id: props.id } },
          body: answer,
        }),
      ),
    onSuccess: () => setDeclining(false),
  });
  const sent = send.data === undefined ? undefined : send.variables?.kind;
  return (
    <section aria-labelledby="answer-title" className="desk-section desk-actions">
      <h2 id="answer-title">{t('answer.title')}</h2>
      <div className="desk-buttons">
        <button type="button" disabled={send.isPending} onClick={() => send.mutate({ kind: 'read' })}>
          {t('answer.read')}
        </button>
        <button
          type="button"
          className="desk-primary"
          disabled={send.isPending}
          onClick={() => send.mutate({ kind: 'acknowledged' })}
        >
          {t('answer.acknowledge')}
        </button>
        <button
          type="button"
          disabled={send.isPending}
          onClick={() => setDeclining(true)}
          aria-expanded={declining}
        >
          {t('answer.decline')}
        </button>
      </div>
      {declining && (
        <form
          className="desk-inline-form"
          onSubmit={(event) => {
            event.preventDefault();
            send.mutate({ kind: 'declined', reason });
          }}
        >
          <div className="desk-field">
            <label htmlFor={reasonId}>{t('answer.declineReason')}</label>
            <textarea
              id={reasonId}
              value={reason}
              required
              rows={2}
              onChange={(e) => setReason(e.target.value)}
            />
          </div>
          <button type="submit" disabled={send.isPending || reason.trim() === ''}>
            {t('answer.sendDecline')}
          </button>
        </form>
      )}
      <p role="status" aria-live="polite">
        {sent === undefined ? '' : t(`answer.sent.${sent}`)}
      </p>
      {send.error !== null && (
        <p role="alert" className="desk-error">
          {errorText(t, send.error)}
        </p>
      )}
    </section>
  );
}
