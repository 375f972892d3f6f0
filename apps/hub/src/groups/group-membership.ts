import type { GroupChange } from '#contracts';
import { GroupChangeRefusal } from './groups.errors.js';

/** One closed user group as the hub holds it: the owner is always among the members. */
export interface GroupMembership {
  group: string;
  name: string;
  owner: string;
  members: string[];
  /** Id of the last change applied, so a redelivered change is recognised as done. */
  change: string;
}

/** What a change does: the group afterwards, and who is told about it. */
export interface GroupTransition {
  next: GroupMembership;
  /** Everyone who was or is now a member, so a removed node learns it is out. */
  notify: string[];
}

function touched(change: GroupChange): string[] {
  return change.change.case === 'add' || change.change.case === 'remove' ? [change.change.value.node] : [];
}

function union(...lists: readonly string[][]): string[] {
  return [...new Set(lists.flat())];
}

function next(current: GroupMembership | undefined, change: GroupChange): GroupMembership {
  const { group, sender } = change;
  const step = change.change;
  if (step.case === 'create') {
    if (current !== undefined) throw new GroupChangeRefusal('exists', `group ${group} already exists`);
    return {
      group,
      name: step.value.name,
      owner: sender,
      members: union([sender], step.value.members),
      change: change.id,
    };
  }
  if (current === undefined) throw new GroupChangeRefusal('unknown-group', `group ${group} does not exist`);
  if (current.owner !== sender) {
    throw new GroupChangeRefusal('not-owner', `only the owner ${current.owner} may change group ${group}`);
  }
  if (step.case === 'add') {
    if (current.members.includes(step.value.node)) {
      throw new GroupChangeRefusal('already-member', `${step.value.node} is already a member of ${group}`);
    }
    return { ...current, members: [...current.members, step.value.node], change: change.id };
  }
  if (step.case === 'remove') {
    if (!current.members.includes(step.value.node)) {
      throw new GroupChangeRefusal('not-member', `${step.value.node} is not a member of ${group}`);
    }
    return { ...current, members: current.members.filter((m) => m !== step.value.node), change: change.id };
  }
  // Validation requires one of the three changes; an empty one changes nothing.
  return current;
}

/**
 * Applies one validated change to the group's current state. A change already applied (the state's
 * last change is this one: a redelivery) yields the state unchanged. Throws GroupChangeRefusal when
 * the change breaks the rules: create an existing group, change a group one does not own or that does
 * not exist, add a member twice, remove a non-member.
 */
export function transition(current: GroupMembership | undefined, change: GroupChange): GroupTransition {
  const after = current?.change === change.id ? current : next(current, change);
  return { next: after, notify: union(current?.members ?? [], after.members, touched(change)) };
}
