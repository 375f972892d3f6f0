import { useTranslation } from 'react-i18next';

/** What the operator sees when the console cannot even read its settings from the server. */
export function BootFailure(props: { reason: string }) {
  const { t } = useTranslation();
  return (
    <main id="main" className="bl-main">
      <h1>{t('console.boot.failedTitle')}</h1>
      <p role="alert">{t('console.boot.failed', { reason: props.reason })}</p>
    </main>
  );
}
