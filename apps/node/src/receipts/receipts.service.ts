import { Inject, Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  DeliveredBatchSchema,
  LIMITS,
  ReceiptKind,
  ReceiptSchema,
  validateMessage,
  type DeliveredBatch,
  type Receipt,
} from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import type { Principal } from '../access/principal.js';
import { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { IdGenerator } from '../common/id-generator.js';
import { NodeConfig } from '../config/node.config.js';
import { InboxService } from '../inbox/inbox.service.js';
import { OwnAnswersRepository } from '../indexes/own-answers.repository.js';
import { HubLinkRepository } from '../link/hub-link.repository.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import { DeliveredBatcher } from './delivered-batcher.js';
import type { UserReceiptKind } from './dto/receipt-request.dto.js';

const USER_KINDS: Record<UserReceiptKind, ReceiptKind> = {
  read: ReceiptKind.READ,
  acknowledged: ReceiptKind.ACKNOWLEDGED,
  declined: ReceiptKind.DECLINED,
};

/**
 * The recipient's side of delivery: signed receipts back to a message's origin, the automatic
 * `delivered` and the users' read, acknowledged and declined. A receipt's id is derived from the
 * message, this node and the receipt kind, so sending the same receipt again is a no-op. Users'
 * receipts go through the outbox; `delivered` is published at once, as the delivery it confirms is
 * redelivered (and the receipt sent again) when that publish fails: in a `delivered` batch to origins
 * whose registry entry reads protocol 1.1, as a single receipt to the others.
 */
@Injectable()
export class ReceiptsService {
  private readonly batches: DeliveredBatcher;

  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly inbox: InboxService,
    private readonly link: HubLinkRepository,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly answers: OwnAnswersRepository,
  ) {
    this.batches = new DeliveredBatcher((origin, messages) => this.publishBatch(origin, messages), {
      maxPerBatch: LIMITS.maxDeliveredPerBatch,
      lingerMs: config.NODE_DELIVERED_LINGER_MS,
    });
  }

  /** Tells `origin` that its message `message` is in this node's inbox. */
  async sendDelivered(message: string, origin: string): Promise<void> {
    if (this.registry.reads(origin, '1.1')) return this.batches.add(origin, message);
    // The node acts by itself here: no actor.
    const receipt = this.receipt(message, origin, ReceiptKind.DELIVERED, '', '');
    await this.link.publish('receipt', receipt);
    this.logger.debug({ msgId: message, recipient: origin, receipt: 'DELIVERED' }, 'receipt sent');
  }

  /**
   * A user's answer to inbox message `message`, queued in the outbox; returns the receipt's id and status.
   *
   * @throws UnknownMessageError when the message is not in this node's inbox, or not one the user's
   *   `clearance` admits;
   *   UnverifiedMessageError when its origin is not certain; InvalidMessageError (e.g. declined without
   *   reason); NotQueuedError.
   */
  async answer(message: string, kind: UserReceiptKind, reason: string, user: Principal): Promise<Submitted> {
    const item = await this.inbox.answerable(message, user.clearance);
    const submitted = await this.outbox.submit(
      'receipt',
      this.receipt(message, item.sender, USER_KINDS[kind], reason, user.id),
    );
    // What a request's state at this node reads: its own answer.
    await this.answers.record(message, kind);
    this.logger.debug(
      { msgId: message, recipient: item.sender, receipt: kind, status: submitted.status },
      'receipt queued',
    );
    return submitted;
  }

  private async publishBatch(origin: string, messages: readonly string[]): Promise<void> {
    const batch = this.deliveredBatch(origin, messages);
    await this.link.publish('delivered', batch);
    this.logger.debug(
      { msgId: batch.id, recipient: origin, delivered: messages.length },
      'delivered batch sent',
    );
  }

  // A signed-to-be batch of delivered receipts, validated by the hub's rules.
  private deliveredBatch(origin: string, messages: readonly string[]): DeliveredBatch {
    const now = this.clock.now();
    const node = this.config.NODE_ID;
    const batch = create(DeliveredBatchSchema, {
      id: this.ids.deliveredBatch(origin, node, messages),
      sender: node,
      sent: timestampFromDate(now),
      origin,
      messages: [...messages],
    });
    const violations = validateMessage('delivered', batch, validationContextOf(this.registry, now));
    if (violations.length > 0) throw new InvalidMessageError(violations);
    return batch;
  }

  // A signed-to-be receipt, validated by the hub's rules.
  private receipt(
    message: string,
    origin: string,
    kind: ReceiptKind,
    reason: string,
    actor: string,
  ): Receipt {
    const now = this.clock.now();
    const node = this.config.NODE_ID;
    const receipt = create(ReceiptSchema, {
      id: this.ids.receipt(origin, message, node, ReceiptKind[kind]),
      sender: node,
      sent: timestampFromDate(now),
      message,
      origin,
      kind,
      reason,
      actor,
    });
    const violations = validateMessage('receipt', receipt, validationContextOf(this.registry, now));
    if (violations.length > 0) throw new InvalidMessageError(violations);
    return receipt;
  }
}
