import { Inject, Injectable } from '@nestjs/common';
import { messageToJson, validateMessage, type MessageOf } from '#contracts';
import { RegistryIndex, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import { formatHandling } from '#trust';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { IdGenerator } from '../common/id-generator.js';
import { NodeConfig } from '../config/node.config.js';
import { OutboxService } from '../outbox/outbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import type { SentKind } from '../sent/sent-message.js';
import { SentMessagesService } from '../sent/sent-messages.service.js';
import { SerialsService } from '../serials/serials.service.js';
import { HeldIndexes } from '../indexes/held-indexes.service.js';
import { completeNotice } from './notice-defaults.js';
import { readMessage, stampOrigin } from './outgoing-message.js';

/**
 * Turns a request body into a message this node sends: read, stamp as this node's, complete with
 * kind-specific defaults, validate by the hub's rules, then hand to the outbox (which signs, stores
 * and sends it), and record it as sent: queued here, accepted by the outbox once JetStream has it.
 * Nothing is queued unless the message is valid.
 */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly outbox: OutboxService,
    private readonly sent: SentMessagesService,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly indexes: HeldIndexes,
    private readonly serials: SerialsService,
  ) {}

  /**
   * Sends the `kind` message in `json` (protobuf JSON mapping) as this node's, naming `actor` (the
   * caller's Principal.id) as who acted. `prepare` sees the message once read, before anything is
   * stamped, validated or queued: it completes it from context (a reply from the message it answers)
   * or throws to refuse it (a caller who may not send it, e.g. an update of an alert). `beforeQueue`
   * sees it once valid, before it is indexed and queued: what must go out before it (a joint
   * operation's group) is queued there, and may complete it.
   * @throws MalformedMessageError, InvalidMessageError (HTTP 400), NotQueuedError (HTTP 503), and
   *   what `prepare` throws.
   */
  async submit<K extends SentKind>(
    kind: K,
    json: unknown,
    actor: string,
    prepare: (message: MessageOf<K>) => void = () => undefined,
    beforeQueue: (message: MessageOf<K>) => Promise<void> = async () => undefined,
  ): Promise<Submitted> {
    const now = this.clock.now();
    const message = readMessage(kind, json);
    prepare(message);
    stampOrigin(message, { node: this.config.NODE_ID, actor, now, newId: () => this.ids.next() });
    // What the sender may leave out, once id, sender and sent time are set.
    if (kind === 'notice') completeNotice(message as MessageOf<'notice'>, now);
    const violations = validateMessage(kind, message, validationContextOf(this.registry, now));
    if (violations.length > 0) {
      this.logger.info({ msgId: message.id, kind, violations: violations.length }, 'submission refused');
      throw new InvalidMessageError(violations);
    }
    await beforeQueue(message);
    const asJson = messageToJson(kind, message);
    const handling = formatHandling(message.handling);
    await this.indexes.file([{ id: message.id, kind, message: asJson }]);
    const submitted = await this.outbox.submit(kind, message);
    // A status recorded meanwhile (accepted, rejected) is kept.
    await this.sent.recordQueued(submitted.id, kind, handling, asJson);
    await this.serials.correlate([
      { id: message.id, kind, sender: message.sender, handling, message: asJson },
    ]);
    return submitted;
  }
}
