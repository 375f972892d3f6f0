import type { Addressees } from '../gen/borderlink/v1/common_pb.js';
import { isSubjectToken } from '../subjects.js';
import { LIMITS } from './limits.js';
import { checkCount, checkUnique } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import { checkRegistryId, checkRegistryIds, nodeRef } from './registry-ref.rules.js';
import type { ValidationContext, Violations } from './violation.js';

/** True when a message names at least one node or closed user group explicitly. */
export function hasAddressees(addressees: Addressees | undefined): boolean {
  return addressees !== undefined && addressees.nodes.length + addressees.groups.length > 0;
}

/** Checks a closed user group id; groups become part of routing, so they share the subject-token syntax. */
export function checkGroupId(out: Violations, path: string, value: string, required: boolean): void {
  if (value === '') {
    if (required) out.push({ field: path, reason: 'is required' });
    return;
  }
  if (!isSubjectToken(value)) {
    out.push({ field: path, reason: "must be a group id of lowercase letters, digits and '-'" });
  }
}

/** Checks a sender-like node reference: present, well-formed and in the registry. */
export function checkNode(out: Violations, path: string, value: string, ctx: ValidationContext): void {
  checkRegistryId(out, path, value, nodeRef(ctx), true);
}

/**
 * Checks explicit addressees: known nodes other than the sender, well-formed groups, no duplicates,
 * bounded counts, and at least one of them when `required`.
 */
export function checkAddressees(
  out: Violations,
  path: string,
  addressees: Addressees | undefined,
  sender: string,
  ctx: ValidationContext,
  required: boolean,
): void {
  if (addressees === undefined || !hasAddressees(addressees)) {
    if (required) out.push({ field: path, reason: 'must name at least one node or group' });
    return;
  }
  const { nodes, groups } = addressees;
  const nodesPath = fieldPath(path, 'nodes');
  checkRegistryIds(out, nodesPath, nodes, nodeRef(ctx), LIMITS.maxAddresseeNodes);
  nodes.forEach((node, index) => {
    if (node !== '' && node === sender)
      out.push({ field: itemPath(nodesPath, index), reason: 'must not be the sender' });
  });
  const groupsPath = fieldPath(path, 'groups');
  checkCount(out, groupsPath, groups, LIMITS.maxAddresseeGroups);
  groups.forEach((group, index) => checkGroupId(out, itemPath(groupsPath, index), group, true));
  checkUnique(out, groupsPath, groups, (group) => group);
}
