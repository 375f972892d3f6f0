import { Inject, Injectable } from '@nestjs/common';
import { ReceiptKind, decodeMessage } from '#contracts';
import { RegistryIndex } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { DeliveryService } from '../delivery/delivery.service.js';
import type { RoutedMessage } from '../pipeline/routed-message.js';
import { RequestsRepository } from './requests.repository.js';
import { trackedRequestOf, type AnswerState } from './tracked-request.js';

// Follow-ups issued per sweep: a backlog after downtime drains over a few sweeps, not in one burst.
const SWEEP_LIMIT = 200;

const RECEIPT_ANSWERS: Partial<Record<ReceiptKind, AnswerState>> = {
  [ReceiptKind.ACKNOWLEDGED]: 'acknowledged',
  [ReceiptKind.DECLINED]: 'declined',
};

/**
 * Follows up requests (assistance, information, trace, joint operation) by their deadlines: each
 * addressee's answer moves `open → acknowledged → answered | declined` as the hub routes its receipts
 * and replies; one still open or acknowledged at the deadline is reminded of it and its requester told
 * (`overdue`), and at one and a half times the time allowed escalated to the escalation contact of
 * the addressee's organisation (`escalated`). Every follow-up has a derived id, so two hub instances
 * sweeping at once, or one sweeping again after a crash, issue each once.
 */
@Injectable()
export class RequestsService {
  constructor(
    private readonly repository: RequestsRepository,
    private readonly delivery: DeliveryService,
    private readonly registry: RegistryIndex,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Takes note of what a routed message changes: a new request, or an addressee's answer to one. */
  async commit(routed: RoutedMessage): Promise<void> {
    if (routed.kind === 'notice') {
      const request = trackedRequestOf(decodeMessage('notice', routed.body));
      if (request === undefined) return;
      await this.repository.track(
        request,
        routed.recipients.map((recipient) => recipient.node),
      );
    } else if (routed.kind === 'reply') {
      const reply = decodeMessage('reply', routed.body);
      await this.repository.answer(reply.notice, reply.sender, 'answered');
    } else if (routed.kind === 'receipt') {
      const receipt = decodeMessage('receipt', routed.body);
      const state = RECEIPT_ANSWERS[receipt.kind];
      if (state !== undefined) await this.repository.answer(receipt.message, receipt.sender, state);
    }
  }

  /** Issues every follow-up due at `now` whose addressee has not answered; returns how many were due. */
  async sweep(now: Date): Promise<number> {
    const due = await this.repository.due(now.getTime(), SWEEP_LIMIT);
    for (const followUp of due) {
      const tracked = await this.repository.read(followUp.request, followUp.addressee);
      if (tracked !== undefined && (tracked.state === 'open' || tracked.state === 'acknowledged')) {
        const escalateTo = this.registry.escalationOf(followUp.addressee);
        if (followUp.stage === 'overdue' || escalateTo !== undefined) {
          await this.delivery.followUp(tracked.request, followUp.addressee, followUp.stage, escalateTo);
          this.logger.info(
            { msgId: followUp.request, addressee: followUp.addressee, stage: followUp.stage },
            'request followed up',
          );
        }
      }
      await this.repository.done(followUp.member);
    }
    return due.length;
  }
}
