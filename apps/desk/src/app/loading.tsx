import { useTranslation } from 'react-i18next';

/** While a screen's code loads. */
export function Loading() {
  const { t } = useTranslation();
  return (
    <p role="status" aria-live="polite">
      {t('web.loading')}
    </p>
  );
}
