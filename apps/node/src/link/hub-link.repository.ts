import { Inject, Injectable } from '@nestjs/common';
import { ingressSubject, type MessageOf, type SendableKind } from '#contracts';
import { JetStreamPublisher, type PublishResult } from '#messaging';
import { MetricsService, LOGGER } from '#runtime';
import { NodeSigner, sealMessage } from '#trust';
import type { Logger } from 'pino';
import { NodeConfig } from '../config/node.config.js';
import { PublishFailedError } from './link.errors.js';
import type { SealedEnvelope } from './sealed-envelope.js';

/** How the outbox sender publishes: one attempt each, as it retries itself, in order. */
export interface SendOptions {
  timeoutMs: number;
}

/**
 * The node's link to the hub: signs this node's messages and publishes them to its ingress subject
 * (`bl.in.<node>.<kind>`), waiting for JetStream's ack.
 */
@Injectable()
export class HubLinkRepository {
  constructor(
    private readonly config: NodeConfig,
    private readonly signer: NodeSigner,
    private readonly publisher: JetStreamPublisher,
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Encodes and signs `message` for `bl.in.<node>.<kind>`. The message must carry its id, sender
   * and sent time.
   * @throws EncodeError when the encoded message exceeds the wire limits.
   */
  seal<K extends SendableKind>(kind: K, message: MessageOf<K>): SealedEnvelope {
    const { id, body, headers } = sealMessage(this.signer, kind, message);
    return { kind, subject: ingressSubject(this.config.NODE_ID, kind), body, msgId: id, headers };
  }

  /**
   * Signs and publishes `message` at once, with its id as `Nats-Msg-Id`, so a retry within the
   * stream's duplicate window is recognised rather than stored twice. For what is durable elsewhere
   * (a DELIVERED receipt: its delivery is redelivered when this fails); the rest goes through the outbox.
   *
   * @throws PublishFailedError when JetStream does not acknowledge the publish.
   */
  async publish<K extends SendableKind>(kind: K, message: MessageOf<K>): Promise<PublishResult> {
    const envelope = this.seal(kind, message);
    try {
      return await this.send(envelope);
    } catch (error) {
      throw new PublishFailedError(envelope.msgId, { cause: error });
    }
  }

  /**
   * Publishes a sealed envelope; with `once`, a single attempt (the outbox sender's own retries keep
   * its messages in order). Rejects with the messaging layer's error when JetStream does not ack.
   */
  async send(envelope: SealedEnvelope, once?: SendOptions): Promise<PublishResult> {
    const result = await this.publisher.publish(
      envelope,
      once === undefined ? {} : { retry: false, timeoutMs: once.timeoutMs },
    );
    if (!result.duplicate) this.metrics.published.inc({ kind: envelope.kind });
    this.logger.debug(
      { msgId: envelope.msgId, kind: envelope.kind, duplicate: result.duplicate },
      'published',
    );
    return result;
  }
}
