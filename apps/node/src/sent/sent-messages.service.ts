import type { Clearance } from '#access';
import { Inject, Injectable } from '@nestjs/common';
import { timestampDate, type Timestamp } from '@bufbuild/protobuf/wkt';
import {
  parseIngressSubject,
  RejectionReason,
  type DeliveredBatch,
  type Receipt,
  type SendableKind,
  type Rejection,
  type RoutingReport,
} from '#contracts';
import type { Logger } from 'pino';
import { LOGGER, MetricsService } from '#runtime';
import { admits } from '../access/clearance-policy.js';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { UnknownMessageError } from '../common/common.errors.js';
import { advances, stateOfReceipt } from './delivery-state.js';
import { isSentKind, type RecipientState, type SentKind, type SentMessage } from './sent-message.js';
import { SentStateRepository } from './sent-state.repository.js';
import { StateContentionError } from './sent.errors.js';

// Concurrent writers to one recipient are a handful at most (its receipts); losing this many
// compare-and-set races in a row means something else is wrong, and the handler retries later.
const MAX_ATTEMPTS = 16;

// `INVALID` → `invalid`, `SIGNATURE_INVALID` → `signature-invalid`.
function reasonName(reason: RejectionReason): string {
  return (RejectionReason[reason] ?? 'UNSPECIFIED').toLowerCase().replaceAll('_', '-');
}

/**
 * The sender's side of delivery: records what this node sent, and folds the hub's routing reports
 * and rejections and the recipients' receipts into per-recipient state that only moves forward.
 * Each update is idempotent, so a redelivered report or receipt changes nothing.
 */
@Injectable()
export class SentMessagesService {
  constructor(
    private readonly repository: SentStateRepository,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly accessLog: AccessLogService,
    private readonly metrics: MetricsService,
  ) {}

  /**
   * Records that message `id`, labelled `handling`, waits in the outbox, with the `message` itself
   * (protobuf JSON); a later status (accepted, rejected) is kept.
   */
  async recordQueued(id: string, kind: SentKind, handling: string, message: unknown): Promise<void> {
    await this.repository.recordQueued(id, kind, handling, message);
  }

  /**
   * Records that JetStream accepted message `id`, when it is of a kind followed per recipient (the
   * node's receipts, releases and group changes are not); recipients are unknown until the routing
   * report. The outbox calls this before it lets go of the message, so a failed write is retried.
   */
  async recordAccepted(id: string, kind: SendableKind): Promise<void> {
    if (isSentKind(kind)) await this.repository.recordAccepted(id, kind);
  }

  /**
   * What this node knows of its message `id`, for `reader`, recorded in the access log (`read`) when
   * this returns. A message whose label it does not know (state rebuilt from reports) counts as
   * TLP:RED.
   * @throws UnknownMessageError unless this node sent message `id` and the reader's clearance admits
   *   it; AccessLogUnavailableError when the read could not be recorded.
   */
  async status(id: string, reader: Principal): Promise<SentMessage> {
    const message = await this.visible(id, reader.clearance);
    if (message === undefined) throw new UnknownMessageError(id);
    this.accessLog.record(reader, 'read', [id]);
    return message;
  }

  /**
   * What this node knows of its message `id`, if someone of `clearance` may see it (a label it does
   * not know counts as TLP:RED); the caller records the read.
   */
  async visible(id: string, clearance: Clearance): Promise<SentMessage | undefined> {
    const message = await this.repository.read(id);
    return message !== undefined && admits(clearance, message.handling) ? message : undefined;
  }

  /** The handling label this node sent message `id` under; undefined when it does not know it. */
  async handling(id: string): Promise<string | undefined> {
    return (await this.repository.read(id))?.handling;
  }

  /**
   * The hub routed one of this node's messages: it is accepted, and every listed recipient is at
   * least `pending` (so a state rebuilt from deliveries knows the message too).
   */
  async applyRouting(report: RoutingReport): Promise<void> {
    await this.repository.recordRouted(report.message);
    const updatedAt = this.updatedAt(report.sent);
    await Promise.all(
      report.recipients.map((recipient) =>
        this.advance(report.message, recipient, { state: 'pending', updatedAt }),
      ),
    );
  }

  /** A recipient answered one of this node's messages: move it forward, never back. */
  async applyReceipt(receipt: Receipt): Promise<void> {
    const state = stateOfReceipt(receipt.kind);
    if (state === undefined) {
      this.logger.warn({ msgId: receipt.message, sender: receipt.sender }, 'receipt without a kind ignored');
      return;
    }
    const updatedAt = this.updatedAt(receipt.sent);
    const next: RecipientState =
      state === 'declined' ? { state, updatedAt, reason: receipt.reason } : { state, updatedAt };
    const moved = await this.advance(receipt.message, receipt.sender, next);
    this.logger.debug({ msgId: receipt.message, sender: receipt.sender, state, moved }, 'receipt applied');
  }

  /** A recipient has every message of the batch in its inbox: each moves to `delivered`, never back. */
  async applyDelivered(batch: DeliveredBatch): Promise<void> {
    const updatedAt = this.updatedAt(batch.sent);
    await Promise.all(
      batch.messages.map((message) => this.advance(message, batch.sender, { state: 'delivered', updatedAt })),
    );
    this.logger.debug(
      { msgId: batch.id, sender: batch.sender, delivered: batch.messages.length },
      'delivered batch applied',
    );
  }

  /** The hub refused one of this node's messages. */
  async applyRejection(rejection: Rejection): Promise<void> {
    // Labelled as the hub labels its own count (`STALE`), so the two series read alike.
    this.metrics.rejected.inc({ reason: RejectionReason[rejection.reason] ?? 'UNSPECIFIED' });
    if (rejection.message === '') {
      // The hub could not read the refused message's id, so there is no sent message to mark.
      this.logger.warn(
        { msgId: rejection.id, subject: rejection.subject, detail: rejection.detail },
        'unattributable rejection',
      );
      return;
    }
    const kind = parseIngressSubject(rejection.subject)?.kind ?? 'unknown';
    await this.repository.recordRejected(rejection.message, kind, {
      reason: reasonName(rejection.reason),
      detail: rejection.detail,
      violations: rejection.violations.map(({ field, reason }) => ({ field, reason })),
    });
    this.logger.warn(
      { msgId: rejection.message, reason: reasonName(rejection.reason) },
      'message rejected by the hub',
    );
  }

  // A state change is dated by the signed message that made it, else by this node's clock.
  private updatedAt(sent: Timestamp | undefined): string {
    return (sent ? timestampDate(sent) : this.clock.now()).toISOString();
  }

  // Read, decide, compare-and-set; on a lost race decide again on what the winner wrote.
  private async advance(id: string, recipient: string, next: RecipientState): Promise<boolean> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const stored = await this.repository.recipient(id, recipient);
      if (!advances(stored?.state.state, next.state)) return false;
      if (await this.repository.replaceRecipient(id, recipient, stored?.version, next)) return true;
    }
    throw new StateContentionError(id, recipient);
  }
}
