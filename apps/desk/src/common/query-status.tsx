import { useTranslation } from 'react-i18next';
import { errorText } from './error-text';

/** The loading or failed state of a query, announced politely; nothing once it has data. */
export function QueryStatus(props: { isPending: boolean; error: unknown; what?: string }) {
  const { t } = useTranslation();
  if (props.error !== null && props.error !== undefined) {
    return (
      <p role="alert" className="desk-error">
        {props.what === undefined ? errorText(t, props.error) : `${props.what}: ${errorText(t, props.error)}`}
      </p>
    );
  }
  if (props.isPending) {
    return (
      <p role="status" aria-live="polite">
        {t('web.loading')}
      </p>
    );
  }
  return null;
}
