import { isSubjectToken } from '../subjects.js';
import { checkCount, checkUnique } from './list.rules.js';
import { itemPath } from './path.js';
import type { ValidationContext, Violations } from './violation.js';

/** A kind of registry id and how to tell whether the registry knows one. */
export interface RegistryRef {
  /** Human name, e.g. "region", "border section". */
  noun: string;
  known(id: string): boolean;
}

/**
 * Checks a reference to a registry entry. Registry ids become NATS subject tokens (regions and nodes
 * on delivery subjects), so they must be tokens before the registry is even asked.
 */
export function checkRegistryId(
  out: Violations,
  path: string,
  value: string,
  ref: RegistryRef,
  required: boolean,
): void {
  if (value === '') {
    if (required) out.push({ field: path, reason: 'is required' });
    return;
  }
  if (!isSubjectToken(value)) {
    out.push({ field: path, reason: `must be a ${ref.noun} id of lowercase letters, digits and '-'` });
  } else if (!ref.known(value)) {
    out.push({ field: path, reason: `unknown ${ref.noun} '${value}'` });
  }
}

/** Checks a list of registry references: count, each id, no duplicates. */
export function checkRegistryIds(
  out: Violations,
  path: string,
  values: readonly string[],
  ref: RegistryRef,
  max: number,
): void {
  checkCount(out, path, values, max);
  values.forEach((value, index) => checkRegistryId(out, itemPath(path, index), value, ref, true));
  checkUnique(out, path, values, (value) => value);
}

export function regionRef(ctx: ValidationContext): RegistryRef {
  return { noun: 'region', known: (id) => ctx.knownRegion(id) };
}

export function sectionRef(ctx: ValidationContext): RegistryRef {
  return { noun: 'border section', known: (id) => ctx.knownSection(id) };
}

export function crossingPointRef(ctx: ValidationContext): RegistryRef {
  return { noun: 'crossing point', known: (id) => ctx.knownCrossingPoint(id) };
}

export function nodeRef(ctx: ValidationContext): RegistryRef {
  return { noun: 'node', known: (id) => ctx.knownNode(id) };
}
