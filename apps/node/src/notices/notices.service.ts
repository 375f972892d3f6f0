import { Injectable } from '@nestjs/common';
import type { Principal } from '../access/principal.js';
import type { Submitted } from '../outbox/submitted.js';
import { SubmissionService } from '../submission/submission.service.js';

/** Coordination notices this node's users send to explicit addressees. */
@Injectable()
export class NoticesService {
  constructor(private readonly submission: SubmissionService) {}

  /**
   * Publishes the notice in `json` (protobuf JSON mapping) as this node's, sent by `author`, with
   * thread and deadline defaults.
   */
  publish(json: unknown, author: Principal): Promise<Submitted> {
    return this.submission.submit('notice', json, author.id);
  }
}
