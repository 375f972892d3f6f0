import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useDocumentTitle } from '../common/use-document-title';
import { CONSOLE_PATHS } from './console-paths';

export function NotFound() {
  const { t } = useTranslation();
  useDocumentTitle(t('console.notFound.title'));
  return (
    <>
      <h1>{t('console.notFound.title')}</h1>
      <p>
        <Link to={CONSOLE_PATHS.network}>{t('console.notFound.back')}</Link>
      </p>
    </>
  );
}
