import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from '../error-text';
import { ErrorSummary } from './fields';
import { FormErrorsProvider, type FormErrors } from './form-errors';

/**
 * A form the node checks rather than the browser: what the node refused stands above it, each
 * violation linked to its field (which shows it too), or the refusal as a whole when it named no
 * field. Submitting stays on the page and calls `onSubmit`.
 */
export function CheckedForm(props: {
  errors: FormErrors;
  /** The last submission's failure, null when there is none. */
  error: unknown;
  onSubmit: () => void;
  labelledBy?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const { errors } = props;
  return (
    <FormErrorsProvider value={errors.value}>
      <ErrorSummary title={t('compose.problems')} entries={errors.summary} />
      {props.error !== null && errors.violations.length === 0 && (
        <p role="alert" className="desk-error">
          {errorText(t, props.error)}
        </p>
      )}
      <form
        noValidate
        aria-labelledby={props.labelledBy}
        onSubmit={(event) => {
          event.preventDefault();
          props.onSubmit();
        }}
      >
        {props.children}
      </form>
    </FormErrorsProvider>
  );
}
