import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../../libs/web/src/auth/auth-context';

/**
 * Shows its children to a signed-in operator only; anyone else goes straight to the provider's
 * sign-in page (the console has nothing to show before), back to the page they asked for.
 */
export function SignedIn(props: { children: ReactNode }) {
  const { t } = useTranslation();
  const { status, signIn } = useAuth();
  const [failed, setFailed] = useState<string | null>(null);
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    if (status !== 'signed-out') return;
    signIn().catch((error: unknown) => setFailed(error instanceof Error ? error.message : String(error)));
  }, [status, signIn, attempt]);

  if (status === 'signed-in') return <>{props.children}</>;
  if (failed !== null) {
    return (
      <main id="main" className="bl-main">
        <h1>{t('console.appName')}</h1>
        <p role="alert">{t('console.session.signInFailed', { reason: failed })}</p>
        <button
          type="button"
          onClick={() => {
            setFailed(null);
            setAttempt((n) => n + 1);
          }}
        >
          {t('console.session.retry')}
        </button>
      </main>
    );
  }
  return (
    <main id="main" className="bl-main">
      <h1>{t('console.appName')}</h1>
      <p role="status">
        {status === 'loading' ? t('console.state.loading') : t('console.session.signingIn')}
      </p>
    </main>
  );
}
