import { Injectable } from '@nestjs/common';
import { AuditEvent, RejectionReason, type GroupChange } from '#contracts';
import { AuditTrail } from '../audit/audit-trail.js';
import { IngressRefusal } from '../pipeline/pipeline.errors.js';
import { transition } from './group-membership.js';
import { GroupStore } from './group.store.js';
import { GroupChangeRefusal, type GroupChangeProblem } from './groups.errors.js';

const REFUSALS: Record<GroupChangeProblem, { reason: RejectionReason; field: string }> = {
  exists: { reason: RejectionReason.INVALID, field: 'group' },
  'unknown-group': { reason: RejectionReason.UNKNOWN_ADDRESSEE, field: 'group' },
  'not-owner': { reason: RejectionReason.UNAUTHORIZED, field: 'sender' },
  'already-member': { reason: RejectionReason.INVALID, field: 'add.node' },
  'not-member': { reason: RejectionReason.INVALID, field: 'remove.node' },
};

/**
 * Closed user groups at the hub: who a change is told to, storing it, and the live members a
 * group-addressed message reaches. Membership is read from the store at every routing decision
 * (no cache), so a change applies to every message the hub routes after the change is stored.
 */
@Injectable()
export class GroupsService {
  constructor(
    private readonly store: GroupStore,
    private readonly audit: AuditTrail,
  ) {}

  /** The members of `group` now, or undefined when no such group exists. */
  async members(group: string): Promise<readonly string[] | undefined> {
    return (await this.store.read(group))?.group.members;
  }

  /** The nodes told about `change`; refuses a change that breaks the group's rules. */
  async recipients(change: GroupChange): Promise<string[]> {
    const stored = await this.store.read(change.group);
    try {
      return transition(stored?.group, change).notify;
    } catch (error) {
      if (!(error instanceof GroupChangeRefusal)) throw error;
      const refusal = REFUSALS[error.problem];
      throw new IngressRefusal(refusal.reason, error.message, [
        { field: refusal.field, reason: error.message },
      ]);
    }
  }

  /**
   * Stores `change`, conditional on the state it was decided on. A concurrent change (a
   * GroupWriteConflict, or a GroupChangeRefusal now) throws, so the message is retried and decided
   * afresh; a change already stored is left as is.
   */
  async commit(change: GroupChange): Promise<void> {
    const stored = await this.store.read(change.group);
    if (stored?.group.change === change.id) return;
    const { next } = transition(stored?.group, change);
    await this.store.write(next, stored?.revision ?? 0);
    await this.record(change, next.members);
  }

  /** Audits who joined or left; a creation admits every first member. */
  private async record(change: GroupChange, members: readonly string[]): Promise<void> {
    const step = change.change;
    if (step.case === undefined) return;
    await this.audit.record({
      event: step.case === 'remove' ? AuditEvent.GROUP_MEMBER_REMOVED : AuditEvent.GROUP_MEMBER_ADDED,
      ref: change.id,
      message: change.group,
      kind: 'group',
      origin: change.sender,
      person: change.actor,
      recipients: step.case === 'create' ? members : [step.value.node],
    });
  }
}
