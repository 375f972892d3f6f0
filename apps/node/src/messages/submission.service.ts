import { Inject, Injectable } from '@nestjs/common';
import { EncodeError, validateMessage, type MessageOf } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { IdGenerator } from '../common/id-generator.js';
import { LOGGER } from '../common/logger.token.js';
import { InvalidMessageError } from '../common/request.errors.js';
import { NodeConfig } from '../config/node.config.js';
import { OutboundRepository } from '../outbound/outbound.repository.js';
import { readMessage, stampOrigin } from './outgoing-message.js';
import type { SentKind } from './sent-message.js';
import { SentMessagesService } from './sent-messages.service.js';

/** The outcome of a submission: the message id, and whether JetStream already had it (a client retry). */
export interface Submitted {
  id: string;
  duplicate: boolean;
}

/**
 * Turns a request body into a message this node sends: read, stamp as this node's, complete with
 * kind-specific defaults, validate by the hub's rules, sign and publish, and record as sent.
 * Nothing is published unless the message is valid.
 */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly outbound: OutboundRepository,
    private readonly sent: SentMessagesService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * @param complete fills what the sender may leave out, after id, sender and sent time are set.
   * @throws MalformedMessageError, InvalidMessageError (HTTP 400), PublishFailedError (HTTP 503).
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
    const { duplicate } = await this.publish(kind, message);
    await this.sent.recordAccepted(message.id, kind);
    return { id: message.id, duplicate };
  }

  // Validation bounds every field, but only encoding knows the body's total size.
  private async publish<K extends SentKind>(kind: K, message: MessageOf<K>): Promise<{ duplicate: boolean }> {
    try {
      return await this.outbound.publish(kind, message);
    } catch (error) {
      if (error instanceof EncodeError) {
        throw new InvalidMessageError([{ field: '$', reason: error.message }], { cause: error });
      }
      throw error;
    }
  }
}
