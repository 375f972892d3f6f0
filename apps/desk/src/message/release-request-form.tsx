import { useMutation } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dataOf, useNodeClient } from '../api/node-client';
import { useReference } from '../api/use-reference';
import { errorText } from '../common/error-text';

/** A recipient's supervisor asks the originator to release the message to a further node. */
export function ReleaseRequestForm(props: { id: string; sender: string }) {
  const { t } = useTranslation();
  const client = useNodeClient();
  const reference = useReference();
  const toId = useId();
  const reasonId = useId();
  const [to, setTo] = useState('');
  const [reason, setReason] = useState('');
  const ask = useMutation({
    mutationFn: async () =>
      dataOf(
        await client.POST('/v1/messages/{id}/releases', {
          params: { path: { id: props.id } },
          body: { to, ...(reason === '' ? {} : { reason }) },
        }),
      ),
  });
  const nodes = (reference.data?.nodes ?? []).filter((node) => node.id !== props.sender);
  return (
    <section aria-labelledby="release-title" className="desk-section">
      <h2 id="release-title">{t('release.askTitle')}</h2>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          ask.mutate();
        }}
      >
        <div className="desk-field">
          <label htmlFor={toId}>{t('release.to')}</label>
          <select id={toId} value={to} required onChange={(e) => setTo(e.target.value)}>
            <option value="">{t('common.choose')}</option>
            {nodes.map((node) => (
              <option key={node.id} value={node.id}>
                {node.name} ({node.id})
              </option>
            ))}
          </select>
        </div>
        <div className="desk-field">
          <label htmlFor={reasonId}>{t('release.reason')}</label>
          <input id={reasonId} value={reason} onChange={(e) => setReason(e.target.value)} />
        </div>
        <button type="submit" disabled={ask.isPending || to === ''}>
          {t('release.ask')}
        </button>
      </form>
      <p role="status" aria-live="polite">
        {ask.data === undefined ? '' : t('release.asked', { id: ask.data.id })}
      </p>
      {ask.error !== null && (
        <p role="alert" className="desk-error">
          {errorText(t, ask.error)}
        </p>
      )}
    </section>
  );
}
