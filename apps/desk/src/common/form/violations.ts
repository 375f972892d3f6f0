import type { Violation } from '../../../../../libs/web/src/http/http-errors';

/** The element id of a form field for a body path: `texts[0].headline` → `field-texts-0-headline`. */
export function fieldId(path: string): string {
  return `field-${path.replace(/[^A-Za-z0-9]+/g, '-').replace(/-$/, '')}`;
}

/** The path one step up: `texts[0].headline` → `texts[0]` → `texts`; undefined at the top. */
export function parentPath(path: string): string | undefined {
  const cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
  return cut <= 0 ? undefined : path.slice(0, cut);
}

/**
 * Where a violation shows: at its own field when the form has one, else at the nearest enclosing
 * group the form has (`evaluation.source` at `evaluation`), else only in the summary (undefined).
 */
export function violationTarget(field: string, known: ReadonlySet<string>): string | undefined {
  for (let path: string | undefined = field; path !== undefined; path = parentPath(path)) {
    if (known.has(path)) return path;
  }
  return undefined;
}

/** The violations by the field or group they show at; those with none under the empty key. */
export function groupViolations(
  violations: readonly Violation[],
  known: ReadonlySet<string>,
): Map<string, Violation[]> {
  const groups = new Map<string, Violation[]>();
  for (const violation of violations) {
    const target = violationTarget(violation.field, known) ?? '';
    groups.set(target, [...(groups.get(target) ?? []), violation]);
  }
  return groups;
}
