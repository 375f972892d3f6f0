import { Injectable } from '@nestjs/common';
import { AlertType, type Alert } from '#contracts';
import { ForbiddenError } from '../access/access.errors.js';
import { holdsAny, type Principal } from '../access/principal.js';
import type { Submitted } from '../outbox/submitted.js';
import { SubmissionService } from '../submission/submission.service.js';

// Changing what the agency already said is a supervisor's call.
const SUPERVISED_TYPES = new Set([AlertType.UPDATE, AlertType.CANCEL]);

/** Alerts this node's users send to the region's subscribers. */
@Injectable()
export class AlertsService {
  constructor(private readonly submission: SubmissionService) {}

  /**
   * Publishes the alert in `json` (protobuf JSON mapping) as this node's, sent by `author`.
   * @throws ForbiddenError for an update or cancel from someone without the supervisor role.
   */
  publish(json: unknown, author: Principal): Promise<Submitted> {
    return this.submission.submit('alert', json, author.id, (alert: Alert) => {
      if (SUPERVISED_TYPES.has(alert.type) && !holdsAny(author, ['supervisor'])) {
        throw new ForbiddenError('updating or cancelling an alert needs the role supervisor');
      }
    });
  }
}
