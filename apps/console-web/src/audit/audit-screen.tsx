import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/api-context';
import { getAudit, verifyAudit, type AuditCheckpoint, type AuditVerification } from '../api/audit';
import { QUERY_KEYS, REFRESH_MS } from '../api/query-keys';
import { refusalReason, type Translate } from '../common/error-text';
import { formatCount, formatTime, NONE } from '../common/format';
import { QueryState } from '../common/query-state';
import { useDocumentTitle } from '../common/use-document-title';
import { useLocale } from '../common/use-locale';

/** `/audit`: the last signed checkpoint, the last verification, and a verification on demand. */
export function AuditScreen() {
  const { t } = useTranslation();
  const locale = useLocale();
  const api = useApi();
  const queryClient = useQueryClient();
  const checkpointTitle = useId();
  const verificationTitle = useId();
  useDocumentTitle(t('console.audit.title'));
  const audit = useQuery({
    queryKey: QUERY_KEYS.audit,
    queryFn: () => getAudit(api),
    refetchInterval: REFRESH_MS.audit,
  });
  const verify = useMutation({
    mutationFn: () => verifyAudit(api),
    onSettled: () => queryClient.invalidateQueries({ queryKey: QUERY_KEYS.audit }),
  });

  const checkpoint = verify.data?.lastCheckpoint ?? audit.data?.lastCheckpoint ?? null;
  const verification = verify.data ?? audit.data?.lastVerification ?? null;

  return (
    <>
      <h1>{t('console.audit.title')}</h1>
      <p>{t('console.audit.intro')}</p>
      <QueryState query={audit} />
      <p className="actions">
        <button type="button" disabled={verify.isPending} onClick={() => verify.mutate()}>
          {t('console.audit.verifyNow')}
        </button>
      </p>
      <div
        role="status"
        className={
          verify.isError || verify.data?.ok === false
            ? 'outcome outcome-failed'
            : verify.data
              ? 'outcome outcome-ok'
              : 'outcome'
        }
      >
        {verify.isPending
          ? t('console.audit.verifying')
          : verify.isError
            ? t('console.audit.verifyRefused', { reason: refusalReason(verify.error) })
            : verify.data !== undefined &&
              resultText((key, values) => t(key, values ?? {}), verify.data, locale)}
      </div>
      <section aria-labelledby={checkpointTitle}>
        <h2 id={checkpointTitle}>{t('console.audit.checkpointTitle')}</h2>
        {checkpoint === null ? (
          audit.data !== undefined && <p>{t('console.audit.noCheckpoint')}</p>
        ) : (
          <CheckpointFields checkpoint={checkpoint} />
        )}
      </section>
      <section aria-labelledby={verificationTitle}>
        <h2 id={verificationTitle}>{t('console.audit.verificationTitle')}</h2>
        {verification === null ? (
          audit.data !== undefined && <p>{t('console.audit.neverVerified')}</p>
        ) : (
          <dl className="fields">
            <div>
              <dt>{t('console.audit.result')}</dt>
              <dd className={verification.ok ? 'state-good' : 'state-bad'}>
                {verification.ok ? t('console.audit.intact') : t('console.audit.broken')}
              </dd>
            </div>
            <div>
              <dt>{t('console.audit.checked')}</dt>
              <dd>{formatCount(verification.checked, locale)}</dd>
            </div>
            <div>
              <dt>{t('console.audit.at')}</dt>
              <dd>{formatTime(verification.at, locale)}</dd>
            </div>
            {verification.failure !== undefined && verification.failure !== null && (
              <div>
                <dt>{t('console.audit.failure')}</dt>
                <dd className="state-bad">
                  {t('console.audit.failureAt', {
                    position: formatCount(verification.failure.position, locale),
                    reason: failureText(verification.failure),
                  })}
                </dd>
              </div>
            )}
          </dl>
        )}
      </section>
    </>
  );
}

function CheckpointFields({ checkpoint }: { checkpoint: AuditCheckpoint }) {
  const { t } = useTranslation();
  const locale = useLocale();
  return (
    <dl className="fields">
      <div>
        <dt>{t('console.audit.entry')}</dt>
        <dd>{formatCount(checkpoint.sequence, locale)}</dd>
      </div>
      {checkpoint.signer !== undefined && checkpoint.signer !== null && (
        <div>
          <dt>{t('console.audit.signer')}</dt>
          <dd>
            <code>{checkpoint.signer}</code>
          </dd>
        </div>
      )}
      <div>
        <dt>{t('console.audit.signedAt')}</dt>
        <dd>
          {checkpoint.at === undefined || checkpoint.at === null ? NONE : formatTime(checkpoint.at, locale)}
        </dd>
      </div>
    </dl>
  );
}

function resultText(t: Translate, result: AuditVerification, locale: string): string {
  const checked = formatCount(result.checked, locale);
  if (result.ok) return t('console.audit.verifiedOk', { checked });
  return t('console.audit.verifiedBroken', {
    checked,
    position: formatCount(result.failure?.position, locale),
    reason: result.failure === undefined || result.failure === null ? NONE : failureText(result.failure),
  });
}

/** A break's reason with its detail, when the server gives one. */
const failureText = (failure: { reason: string; detail?: string }): string =>
  failure.detail === undefined || failure.detail === ''
    ? failure.reason
    : `${failure.reason} (${failure.detail})`;
