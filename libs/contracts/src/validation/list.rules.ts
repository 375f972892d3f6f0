import { itemPath } from './path.js';
import type { Violations } from './violation.js';

/** Reports a list longer than `max`. */
export function checkCount(out: Violations, path: string, list: readonly unknown[], max: number): void {
  if (list.length > max) out.push({ field: path, reason: `must have at most ${max} entries` });
}

/**
 * Reports every entry whose key repeats an earlier entry's key, naming the earlier entry.
 * `keyOf` returns undefined for entries other rules already refuse, so they are not reported twice.
 * `what` names the repeated part (e.g. "the language"); without it the whole entry is a duplicate.
 */
export function checkUnique<T>(
  out: Violations,
  path: string,
  list: readonly T[],
  keyOf: (entry: T) => string | undefined,
  what?: string,
): void {
  const first = new Map<string, number>();
  list.forEach((entry, index) => {
    const key = keyOf(entry);
    if (key === undefined) return;
    const earlier = first.get(key);
    if (earlier === undefined) {
      first.set(key, index);
      return;
    }
    const reason = what === undefined ? 'duplicates' : `repeats ${what} of`;
    out.push({ field: itemPath(path, index), reason: `${reason} ${itemPath(path, earlier)}` });
  });
}
