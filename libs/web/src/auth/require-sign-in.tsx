import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useAuth } from './auth-context';

/** Its children once someone is signed in; the `signedOut` page (a landing with a sign-in button) before. */
export function RequireSignIn(props: { signedOut: ReactNode; children: ReactNode }) {
  const { t } = useTranslation();
  const { status } = useAuth();
  if (status === 'loading') {
    return (
      <p role="status" aria-live="polite">
        {t('web.loading')}
      </p>
    );
  }
  return <>{status === 'signed-in' ? props.children : props.signedOut}</>;
}
