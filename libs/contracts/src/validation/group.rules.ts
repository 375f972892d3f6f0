import type { GroupChange } from '../gen/borderlink/v1/group_pb.js';
import { checkGroupId, checkNode } from './addressees.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { LIMITS } from './limits.js';
import { fieldPath, itemPath } from './path.js';
import { checkRegistryIds, nodeRef } from './registry-ref.rules.js';
import { checkText } from './text.rules.js';
import type { ValidationContext, Violation, Violations } from './violation.js';

function checkNotOwner(out: Violations, path: string, node: string, owner: string): void {
  if (node !== '' && node === owner) out.push({ field: path, reason: 'must not be the owner' });
}

/**
 * Rules of a closed user group change: the group id, and exactly one change — a creation with a name
 * and the members admitted besides the owner, or the node added or removed (never the owner, who
 * stays a member for the group's life). Whether the sender owns the group is the hub's check.
 */
export function validateGroupChange(change: GroupChange, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, change, ctx);
  checkGroupId(out, 'group', change.group, true);
  const { change: step } = change;
  switch (step.case) {
    case 'create': {
      checkText(out, 'create.name', step.value.name, { max: LIMITS.shortTextMaxLength, required: true });
      const path = fieldPath('create', 'members');
      checkRegistryIds(out, path, step.value.members, nodeRef(ctx), LIMITS.maxAddresseeNodes);
      step.value.members.forEach((node, index) =>
        checkNotOwner(out, itemPath(path, index), node, change.sender),
      );
      break;
    }
    case 'add':
    case 'remove': {
      const path = fieldPath(step.case, 'node');
      checkNode(out, path, step.value.node, ctx);
      checkNotOwner(out, path, step.value.node, change.sender);
      break;
    }
    case undefined:
      out.push({ field: 'change', reason: 'must be one of create, add, remove' });
  }
  return out;
}
