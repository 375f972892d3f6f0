import type { GroupChange } from '#contracts';

/** A closed user group as this node last heard of it. */
export interface GroupView {
  group: string;
  name: string;
  owner: string;
  members: string[];
}

/**
 * The view of `change.group` after `change`, as seen by node `self`; undefined when `self` is not (or
 * no longer) a member. A node added to an existing group learns only the owner and itself until
 * further changes arrive.
 */
export function applyToView(
  current: GroupView | undefined,
  change: GroupChange,
  self: string,
): GroupView | undefined {
  const { group, sender } = change;
  const step = change.change;
  switch (step.case) {
    case 'create':
      return {
        group,
        name: step.value.name,
        owner: sender,
        members: [...new Set([sender, ...step.value.members])],
      };
    case 'add': {
      const base = current ?? { group, name: '', owner: sender, members: [sender] };
      return base.members.includes(step.value.node)
        ? base
        : { ...base, members: [...base.members, step.value.node] };
    }
    case 'remove':
      if (step.value.node === self) return undefined;
      return current && { ...current, members: current.members.filter((node) => node !== step.value.node) };
    case undefined:
      return current;
  }
}
