import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { HeldMessages } from '../indexes/held-messages.service.js';
import type { Submitted } from '../outbox/submitted.js';
import { SubmissionService } from '../submission/submission.service.js';
import { seizureAlertOf } from '../traces/trace-index.repository.js';

/** Coordination notices this node's users send to explicit addressees. */
@Injectable()
export class NoticesService {
  constructor(
    private readonly submission: SubmissionService,
    private readonly held: HeldMessages,
  ) {}

  /**
   * Publishes the notice in `json` (protobuf JSON mapping) as this node's, sent by `author`, with
   * thread and deadline defaults. A trace request's seizure alert must be an alert this node holds
   * and the author may see.
   * @throws InvalidMessageError naming `trace.seizureAlert` otherwise, and what submission throws.
   */
  async publish(json: unknown, author: Principal): Promise<Submitted> {
    const seizure = seizureAlertOf('notice', json);
    if (seizure !== undefined && (await this.held.one(seizure, author.clearance))?.kind !== 'alert') {
      throw new InvalidMessageError([
        { field: 'trace.seizureAlert', reason: 'must be an alert this node holds and you may see' },
      ]);
    }
    return this.submission.submit('notice', json, author.id);
  }
}
