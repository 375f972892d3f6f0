import type { GroupMembership } from './group-membership.js';

/** A group and the revision it was read at, for a conditional write. */
export interface StoredGroup {
  group: GroupMembership;
  revision: number;
}

/**
 * Port to durable group membership. Reads are never cached, so a change is visible to the very next
 * routing decision once `write` resolves.
 */
export abstract class GroupStore {
  /** The group's current state, or undefined when no such group exists. */
  abstract read(group: string): Promise<StoredGroup | undefined>;
  /**
   * Stores `group` if its stored revision is still `revision` (0: the group does not exist yet).
   * @throws GroupWriteConflict when another write came first.
   */
  abstract write(group: GroupMembership, revision: number): Promise<void>;
}
