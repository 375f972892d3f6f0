import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Names the browser tab after the screen, so screen readers and tab lists tell screens apart. */
export function useDocumentTitle(screen: string): void {
  const { t } = useTranslation();
  const title = t('console.title', { screen });
  useEffect(() => {
    document.title = title;
  }, [title]);
}
