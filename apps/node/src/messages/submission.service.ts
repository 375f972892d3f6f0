import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { validateMessage, type MessageOf } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { IdGenerator } from '../common/id-generator.js';
import { InvalidMessageError } from '../common/request.errors.js';
import { NodeConfig } from '../config/node.config.js';
import { OutboxSenderService } from '../outbox/outbox-sender.service.js';
import { OutboxService, type Submitted } from '../outbox/outbox.service.js';
import { readMessage, stampOrigin } from './outgoing-message.js';
import { isSentKind, type SentKind } from './sent-message.js';
import { SentMessagesService } from './sent-messages.service.js';

export type { Submitted } from '../outbox/outbox.service.js';

/**
 * Turns a request body into a message this node sends: read, stamp as this node's, complete with
 * kind-specific defaults, validate by the hub's rules, then hand to the outbox (which signs, stores
 * and sends it), and record it as sent: queued, then accepted once JetStream has it.
 * Nothing is queued unless the message is valid.
 */
@Injectable()
export class SubmissionService implements OnModuleInit {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly outbox: OutboxService,
    private readonly sender: OutboxSenderService,
    private readonly sent: SentMessagesService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    // Before it leaves the outbox, so that a failed write is retried with the (duplicate) publish.
    this.sender.onAcked(async ({ msgId, kind }) => {
      if (isSentKind(kind)) await this.sent.recordAccepted(msgId, kind);
    });
  }

  /**
   * @param complete fills what the sender may leave out, after id, sender and sent time are set.
   * @throws MalformedMessageError, InvalidMessageError (HTTP 400), NotQueuedError (HTTP 503).
   */
  async submit<K extends SentKind>(
    kind: K,
    json: unknown,
    complete?: (message: MessageOf<K>, sent: Date) => void,
  ): Promise<Submitted> {
    const now = this.clock.now();
    const message = readMessage(kind, json);
    stampOrigin(message, { node: this.config.NODE_ID, now, newId: () => this.ids.next() });
    complete?.(message, now);
    const violations = validateMessage(kind, message, validationContextOf(this.registry, now));
    if (violations.length > 0) {
      this.logger.info({ msgId: message.id, kind, violations: violations.length }, 'submission refused');
      throw new InvalidMessageError(violations);
    }
    const submitted = await this.outbox.submit(kind, message);
    // A status recorded meanwhile (accepted, rejected) is kept.
    await this.sent.recordQueued(submitted.id, kind);
    return submitted;
  }
}
