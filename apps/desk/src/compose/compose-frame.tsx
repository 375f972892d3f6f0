import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHasRole, useMe } from '../api/use-me';
import { CheckedForm } from '../common/form/checked-form';
import type { FormErrors } from '../common/form/form-errors';

/**
 * A compose page: its title; to someone who is not an author, only that composing needs the role;
 * else `before` (what the page is loading), the form the node checks, and its send button with
 * whether it is sending.
 */
export function ComposeFrame(props: {
  title: string;
  errors: FormErrors;
  submit: { error: unknown; isPending: boolean };
  onSend: () => void;
  sendLabel: string;
  before?: ReactNode;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const author = useHasRole('author');
  const { submit } = props;
  return (
    <section aria-labelledby="compose-title">
      <h1 id="compose-title">{props.title}</h1>
      {me.data !== undefined && !author ? (
        <p>{t('compose.needsAuthor')}</p>
      ) : (
        <>
          {props.before}
          <CheckedForm
            errors={props.errors}
            error={submit.error}
            onSubmit={props.onSend}
            labelledBy="compose-title"
          >
            {props.children}
            <div className="desk-buttons">
              <button type="submit" className="desk-primary" disabled={submit.isPending}>
                {props.sendLabel}
              </button>
            </div>
            <p role="status" aria-live="polite">
              {submit.isPending ? t('compose.sending') : ''}
            </p>
          </CheckedForm>
        </>
      )}
    </section>
  );
}
