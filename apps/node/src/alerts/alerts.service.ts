import { Injectable } from '@nestjs/common';
import type { Submitted } from '../outbox/submitted.js';
import { SubmissionService } from '../submission/submission.service.js';

/** Alerts this node's users send to the region's subscribers. */
@Injectable()
export class AlertsService {
  constructor(private readonly submission: SubmissionService) {}

  /** Publishes the alert in `json` (protobuf JSON mapping) as this node's. */
  publish(json: unknown): Promise<Submitted> {
    return this.submission.submit('alert', json);
  }
}
