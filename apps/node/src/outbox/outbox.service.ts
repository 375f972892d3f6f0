import { Injectable } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';
import { EncodeError, type MessageOf, type SendableKind } from '#contracts';
import { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { NodeConfig } from '../config/node.config.js';
import { HubLinkRepository } from '../link/hub-link.repository.js';
import type { SealedEnvelope } from '../link/sealed-envelope.js';
import { MESSAGE_QUEUED, type MessageQueued } from './outbox-events.js';
import { OutboxSenderService } from './outbox-sender.service.js';
import { NotQueuedError } from './outbox.errors.js';
import { OutboxRepository } from './outbox.repository.js';
import type { Submitted } from './submitted.js';

/**
 * The node's outbox, domain side: the one place where a message this node sends through its API is
 * sealed (encoded and signed) and stored. It is committed to disk before the submitter hears anything,
 * announced ({@link MESSAGE_QUEUED}: the site fast path offers it to the node's national site), then
 * the sender publishes it; the submitter waits a moment (NODE_PUBLISH_WAIT_MS, unless sending is
 * failing) for JetStream's ack.
 */
@Injectable()
export class OutboxService {
  constructor(
    private readonly config: NodeConfig,
    private readonly repository: OutboxRepository,
    private readonly link: HubLinkRepository,
    private readonly sender: OutboxSenderService,
    private readonly events: EventEmitter2,
    private readonly clock: Clock,
  ) {}

  /**
   * Seals `message` (validated, with its id, sender and sent time set) and queues it for sending.
   * A message whose id is already queued is not queued again: the first one is sent.
   * @throws InvalidMessageError when it does not encode within the wire limits; NotQueuedError (HTTP 503).
   */
  async submit<K extends SendableKind>(kind: K, message: MessageOf<K>): Promise<Submitted> {
    const envelope = this.seal(kind, message);
    let fresh: boolean;
    try {
      fresh = this.repository.enqueue(envelope, this.clock.now());
    } catch (error) {
      throw new NotQueuedError(envelope.msgId, { cause: error });
    }
    // Announced at once, so the node's own site has it even while the link to the hub is cut; a
    // retry was announced already.
    if (fresh) this.events.emit(MESSAGE_QUEUED, { kind, message, envelope } satisfies MessageQueued<K>);
    // Waiting starts before the sender wakes, so that no ack can come first. While sending fails
    // (the link is down) no ack will come soon: the submitter hears `queued` at once.
    const waitMs = this.sender.isFailing() ? 0 : this.config.NODE_PUBLISH_WAIT_MS;
    const acked = this.sender.acked(envelope.msgId, waitMs);
    this.sender.wake();
    const outcome = await acked;
    return {
      id: envelope.msgId,
      status: outcome === undefined ? 'queued' : 'accepted',
      duplicate: !fresh || (outcome?.duplicate ?? false),
    };
  }

  // Validation bounds every field, but only encoding knows the body's total size.
  private seal<K extends SendableKind>(kind: K, message: MessageOf<K>): SealedEnvelope {
    try {
      return this.link.seal(kind, message);
    } catch (error) {
      if (error instanceof EncodeError) {
        throw new InvalidMessageError([{ field: '$', reason: error.message }], { cause: error });
      }
      throw error;
    }
  }
}
