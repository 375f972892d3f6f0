import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Violation } from '../../../../../libs/web/src/http/http-errors';
import { useFieldErrors } from './form-errors';
import { reasonText } from './reason-text';
import { fieldId } from './violations';

function ErrorText(props: { id: string; errors: Violation[] }) {
  const { t } = useTranslation();
  if (props.errors.length === 0) return null;
  return (
    <p id={props.id} className="desk-field-error">
      {props.errors.map((error) => reasonText(t, error.reason)).join(' ')}
    </p>
  );
}

const describedBy = (...ids: (string | undefined | false)[]): string | undefined => {
  const list = ids.filter((id): id is string => typeof id === 'string' && id !== '');
  return list.length === 0 ? undefined : list.join(' ');
};

interface BaseProps {
  /** The body path the server names it by (`texts[0].headline`). */
  path: string;
  label: string;
  hint?: string;
  required?: boolean;
  /** An enclosing group whose violations mark this field invalid too. */
  also?: string;
}

/** A labelled text input (or textarea), invalid and described by its violations. */
export function TextField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    multiline?: boolean;
    type?: 'text' | 'number' | 'datetime-local';
    step?: string;
    lang?: string;
  },
) {
  const field = useFieldErrors(props.path, props.label, props.also);
  const hintId = props.hint === undefined ? undefined : `${field.id}-hint`;
  const common = {
    id: field.id,
    value: props.value,
    required: props.required,
    lang: props.lang,
    'aria-invalid': field.invalid || undefined,
    'aria-describedby': describedBy(
      hintId,
      field.errors.length > 0 && field.errorId,
      field.sharedInvalid && field.sharedErrorId,
    ),
  };
  return (
    <div className="desk-field">
      <label htmlFor={field.id}>{props.label}</label>
      {props.hint !== undefined && (
        <p id={hintId} className="desk-hint">
          {props.hint}
        </p>
      )}
      <ErrorText id={field.errorId} errors={field.errors} />
      {props.multiline === true ? (
        <textarea {...common} rows={4} onChange={(event) => props.onChange(event.target.value)} />
      ) : (
        <input
          {...common}
          type={props.type ?? 'text'}
          step={props.step}
          onChange={(event) => props.onChange(event.target.value)}
        />
      )}
    </div>
  );
}

/** A labelled select; `emptyLabel` offers the empty choice (nothing chosen yet). */
export function SelectField(
  props: BaseProps & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
    emptyLabel?: string;
  },
) {
  const field = useFieldErrors(props.path, props.label, props.also);
  return (
    <div className="desk-field">
      <label htmlFor={field.id}>{props.label}</label>
      <ErrorText id={field.errorId} errors={field.errors} />
      <select
        id={field.id}
        value={props.value}
        required={props.required}
        aria-invalid={field.invalid || undefined}
        aria-describedby={describedBy(
          field.errors.length > 0 && field.errorId,
          field.sharedInvalid && field.sharedErrorId,
        )}
        onChange={(event) => props.onChange(event.target.value)}
      >
        {props.emptyLabel !== undefined && <option value="">{props.emptyLabel}</option>}
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of fields under a legend, where the violations of the group itself show. */
export function FieldGroup(props: {
  path: string;
  legend: string;
  hint?: string;
  children: ReactNode;
  className?: string;
}) {
  const field = useFieldErrors(props.path, props.legend);
  const hintId = props.hint === undefined ? undefined : `${field.id}-hint`;
  return (
    <fieldset
      id={field.id}
      tabIndex={-1}
      className={props.className === undefined ? 'desk-group' : `desk-group ${props.className}`}
      aria-describedby={describedBy(hintId, field.errors.length > 0 && field.errorId)}
    >
      <legend>{props.legend}</legend>
      {props.hint !== undefined && (
        <p id={hintId} className="desk-hint">
          {props.hint}
        </p>
      )}
      <ErrorText id={field.errorId} errors={field.errors} />
      {props.children}
    </fieldset>
  );
}

/** A group of checkboxes, one per option, under a legend: the chosen values. */
export function CheckboxGroup(props: {
  path: string;
  legend: string;
  options: readonly { value: string; label: string }[];
  values: readonly string[];
  onChange: (values: string[]) => void;
}) {
  const id = fieldId(props.path);
  return (
    <FieldGroup path={props.path} legend={props.legend} className="desk-checkboxes">
      {props.options.map((option) => {
        const boxId = `${id}-${option.value.replace(/[^A-Za-z0-9]+/g, '-')}`;
        const checked = props.values.includes(option.value);
        return (
          <div key={option.value} className="desk-checkbox">
            <input
              type="checkbox"
              id={boxId}
              checked={checked}
              onChange={() =>
                props.onChange(
                  checked
                    ? props.values.filter((value) => value !== option.value)
                    : [...props.values, option.value],
                )
              }
            />
            <label htmlFor={boxId}>{option.label}</label>
          </div>
        );
      })}
    </FieldGroup>
  );
}

/**
 * The list of what the server refused, each linked to its field, shown above the form and focused
 * when it appears so that a screen reader announces it.
 */
export function ErrorSummary(props: {
  title: string;
  entries: { violation: Violation; href?: string; label: string }[];
}) {
  const { t } = useTranslation();
  const box = useRef<HTMLDivElement>(null);
  const shown = props.entries.length > 0;
  useEffect(() => {
    if (shown) box.current?.focus();
  }, [shown, props.entries]);
  if (!shown) return null;
  return (
    <div
      ref={box}
      className="desk-error-summary"
      role="alert"
      aria-labelledby="error-summary-title"
      tabIndex={-1}
    >
      <h2 id="error-summary-title">{props.title}</h2>
      <ul>
        {props.entries.map(({ violation, href, label }, index) => (
          <li key={`${violation.field}-${index}`}>
            {href === undefined ? (
              `${label}: ${reasonText(t, violation.reason)}`
            ) : (
              <a href={href}>{`${label}: ${reasonText(t, violation.reason)}`}</a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
