import { LIMITS } from './limits.js';
import { checkCount, checkUnique } from './list.rules.js';
import { itemPath } from './path.js';
import type { Violations } from './violation.js';

// Printable ASCII without space, as OpenID Connect requires of a `sub`; no line break can enter the
// signed text or a log line through it.
const ACTOR = new RegExp(`^(person|service):[\\x21-\\x7E]{1,${LIMITS.actorIdMaxLength}}$`);
const ACTOR_SYNTAX =
  `must be "person:<subject>" or "service:<key id>", the id being 1 to ${LIMITS.actorIdMaxLength} ` +
  'printable ASCII characters without spaces';

/** True for a well-formed actor: `person:<subject>` or `service:<key id>`. */
export function isActor(value: string): boolean {
  return ACTOR.test(value);
}

/** Checks who acted at the sender node; empty (the node acted by itself) passes unless `required`. */
export function checkActor(out: Violations, path: string, value: string, required = false): void {
  if (value === '') {
    if (required) out.push({ field: path, reason: 'is required' });
    return;
  }
  if (!isActor(value)) out.push({ field: path, reason: ACTOR_SYNTAX });
}

/** Checks the people named as approving: well-formed people, at most LIMITS.maxApprovers, no one twice. */
export function checkApprovers(out: Violations, path: string, approvers: readonly string[]): void {
  checkCount(out, path, approvers, LIMITS.maxApprovers);
  approvers.forEach((approver, index) => {
    const at = itemPath(path, index);
    checkActor(out, at, approver, true);
    if (isActor(approver) && !approver.startsWith('person:'))
      out.push({ field: at, reason: 'must be a person' });
  });
  checkUnique(out, path, approvers, (approver) => approver);
}
