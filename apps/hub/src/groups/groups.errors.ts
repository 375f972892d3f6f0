/** Why a change cannot apply to the group as it stands. */
export type GroupChangeProblem = 'exists' | 'unknown-group' | 'not-owner' | 'already-member' | 'not-member';

/** A group change that breaks the group's rules; the hub refuses the change message. */
export class GroupChangeRefusal extends Error {
  override readonly name = 'GroupChangeRefusal';

  constructor(
    readonly problem: GroupChangeProblem,
    detail: string,
    options?: { cause?: unknown },
  ) {
    super(detail, options);
  }
}

/** The stored revision moved on since it was read: another change was written first. */
export class GroupWriteConflict extends Error {
  override readonly name = 'GroupWriteConflict';

  constructor(group: string, options?: { cause?: unknown }) {
    super(`group ${group} changed while a change was being applied`, options);
  }
}
