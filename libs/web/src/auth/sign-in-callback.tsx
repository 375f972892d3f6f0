import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useAuth } from './auth-context';

/**
 * The page the provider sends the browser back to: trades the code for tokens, then goes where the
 * sign-in started. Shows why when it fails (a stale or replayed callback), with a way to start again.
 */
export function SignInCallback() {
  const { t } = useTranslation();
  const { completeSignIn, signIn } = useAuth();
  const navigate = useNavigate();
  const [failed, setFailed] = useState<string | null>(null);
  // React's strict mode runs effects twice in development; the code may be traded once only.
  const started = useRef(false);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    completeSignIn().then(
      (returnTo) => navigate(returnTo, { replace: true }),
      (error: unknown) => setFailed(error instanceof Error ? error.message : String(error)),
    );
  }, [completeSignIn, navigate]);

  if (failed === null) {
    return (
      <p role="status" aria-live="polite">
        {t('web.auth.completing')}
      </p>
    );
  }
  return (
    <div role="alert">
      <h1>{t('web.auth.failedTitle')}</h1>
      <p>{failed}</p>
      <button type="button" onClick={() => void signIn('/')}>
        {t('web.auth.signIn')}
      </button>
    </div>
  );
}
