import { LIMITS } from './limits.js';
import { checkCount, checkUnique } from './list.rules.js';
import { itemPath } from './path.js';
import type { Violations } from './violation.js';

// URL- and header-safe, and usable in a JetStream `Nats-Msg-Id` (`<id>:<recipient>` on delivery).
const MESSAGE_ID = new RegExp(`^[A-Za-z0-9_-]{1,${LIMITS.idMaxLength}}$`);
const ID_SYNTAX = `must be 1 to ${LIMITS.idMaxLength} characters of A-Z, a-z, 0-9, '_' or '-'`;

/** True for a well-formed message id (a UUIDv7 is recommended): 1–128 characters of [A-Za-z0-9_-]. */
export function isMessageId(value: string): boolean {
  return MESSAGE_ID.test(value);
}

/** Checks a message, reference, incident or thread id; an empty optional id passes. */
export function checkId(out: Violations, path: string, value: string, required: boolean): void {
  if (value === '') {
    if (required) out.push({ field: path, reason: 'is required' });
    return;
  }
  if (!isMessageId(value)) out.push({ field: path, reason: ID_SYNTAX });
}

/** Checks a list of message ids: syntax, count, no duplicates, and not the message's own id. */
export function checkIdList(out: Violations, path: string, ids: readonly string[], ownId: string): void {
  checkCount(out, path, ids, LIMITS.maxReferences);
  ids.forEach((id, index) => {
    const at = itemPath(path, index);
    checkId(out, at, id, true);
    if (id !== '' && id === ownId) out.push({ field: at, reason: 'must not be the message itself' });
  });
  checkUnique(out, path, ids, (id) => id);
}
