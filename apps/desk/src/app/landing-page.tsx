import { useTranslation } from 'react-i18next';
import { useAuth } from '../../../../libs/web/src/auth/auth-context';
import { usePageTitle } from '../common/page-title';

/** What someone who is not signed in sees: what the desk is, and the way in. */
export function LandingPage(props: { node: string }) {
  const { t } = useTranslation();
  const { signIn } = useAuth();
  usePageTitle(t('landing.title'));
  return (
    <section aria-labelledby="landing-title" className="desk-landing">
      <h1 id="landing-title">{t('landing.title')}</h1>
      <p>{t('landing.intro', { node: props.node })}</p>
      <button type="button" className="desk-primary" onClick={() => void signIn()}>
        {t('web.auth.signIn')}
      </button>
    </section>
  );
}
