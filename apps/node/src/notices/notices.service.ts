import { Injectable } from '@nestjs/common';
import { holdsAny, type Principal } from '../access/principal.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { GroupsService } from '../groups/groups.service.js';
import { HeldMessages } from '../held/held-messages.service.js';
import type { Notice } from '#contracts';
import type { Submitted } from '../outbox/submitted.js';
import { SubmissionService } from '../submission/submission.service.js';
import { seizureAlertOf } from '../indexes/trace-index.repository.js';

/** Coordination notices this node's users send to explicit addressees. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly submission: SubmissionService,
    private readonly held: HeldMessages,
    private readonly groups: GroupsService,
  ) {}

  /**
   * Publishes the notice in `json` (protobuf JSON mapping) as this node's, sent by `author`, with
   * thread and deadline defaults. A trace request's seizure alert must be an alert this node holds
   * and the author may see. A joint operation opens or links its closed user group first (queued
   * before the notice, so the hub knows the group when the notice comes), and names its owner.
   * @throws InvalidMessageError naming `trace.seizureAlert` otherwise, ForbiddenError when the
   *   operation's group needs a change the author may not make, and what submission throws.
   */
  async publish(json: unknown, author: Principal): Promise<Submitted> {
    const seizure = seizureAlertOf('notice', json);
    if (seizure !== undefined && (await this.held.one(seizure, author.clearance))?.kind !== 'alert') {
      throw new InvalidMessageError([
        { field: 'trace.seizureAlert', reason: 'must be an alert this node holds and you may see' },
      ]);
    }
    const openGroup = async (notice: Notice) => {
      if (notice.details.case !== 'operation') return;
      const { group, name } = notice.details.value;
      const members = notice.addressees?.nodes ?? [];
      const may = holdsAny(author, ['supervisor']);
      notice.details.value.owner = await this.groups.forOperation(group, name, members, author.id, may);
    };
    return this.submission.submit('notice', json, author.id, undefined, openGroup);
  }
}
