import { useTranslation } from 'react-i18next';

/** A node configured for API keys only has no sign-in for people, so no desk. */
export function NoSignInPage(props: { node: string }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="bl-main">
      <h1>{t('landing.title')}</h1>
      <p>{t('landing.noSignIn', { node: props.node })}</p>
    </main>
  );
}
