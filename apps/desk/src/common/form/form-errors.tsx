import {
  createContext,
  useCallback,
  useContext,
  useId,
  useLayoutEffect,
  useMemo,
  useRef,
  useState,
} from 'react';
import type { Violation } from '../../../../../libs/web/src/http/http-errors';
import { fieldId, groupViolations } from './violations';

interface FieldEntry {
  label: string;
}

interface FormErrorsValue {
  register(path: string, entry: FieldEntry): () => void;
  at(path: string): Violation[];
  label(path: string): string | undefined;
}

const FormErrorsContext = createContext<FormErrorsValue>({
  register: () => () => undefined,
  at: () => [],
  label: () => undefined,
});

export const FormErrorsProvider = FormErrorsContext.Provider;

/**
 * A form's server-side violations: fields register their body path as they mount, so that each
 * violation shows at its field, or at the nearest group the form has, or in the summary only.
 */
export function useFormErrors() {
  const fields = useRef(new Map<string, FieldEntry>());
  const [violations, setList] = useState<Violation[]>([]);
  const [groups, setGroups] = useState(new Map<string, Violation[]>());

  const setViolations = useCallback((list: Violation[]) => {
    setList(list);
    setGroups(groupViolations(list, new Set(fields.current.keys())));
  }, []);

  const value = useMemo<FormErrorsValue>(
    () => ({
      register(path, entry) {
        fields.current.set(path, entry);
        return () => fields.current.delete(path);
      },
      at: (path) => groups.get(path) ?? [],
      label: (path) => fields.current.get(path)?.label,
    }),
    [groups],
  );

  /** The summary's entries: each violation with the field it links to and that field's label. */
  const summary = useMemo(
    () =>
      [...groups.entries()].flatMap(([target, list]) =>
        list.map((violation) => ({
          violation,
          href: target === '' ? undefined : `#${fieldId(target)}`,
          label: target === '' ? violation.field : (fields.current.get(target)?.label ?? target),
        })),
      ),
    [groups],
  );

  return { violations, setViolations, value, summary };
}

/** A form's violations and what its fields and summary read of them (`useFormErrors`). */
export type FormErrors = ReturnType<typeof useFormErrors>;

/**
 * What a field needs to show its violations: its id, whether it is invalid, the id of its error text
 * and the errors; it registers its path (and label, for the summary) while mounted. `also` names an
 * enclosing group whose violations mark this field invalid too (an evaluation that is missing marks
 * both its grades).
 */
export function useFieldErrors(path: string, label: string, also?: string) {
  const context = useContext(FormErrorsContext);
  useLayoutEffect(() => context.register(path, { label }), [context, path, label]);
  const own = context.at(path);
  const shared = also === undefined ? [] : context.at(also);
  const fallbackId = useId();
  const id = path === '' ? fallbackId : fieldId(path);
  return {
    id,
    errorId: `${id}-error`,
    sharedErrorId: also === undefined ? undefined : `${fieldId(also)}-error`,
    errors: own,
    invalid: own.length > 0 || shared.length > 0,
    sharedInvalid: shared.length > 0,
  };
}
