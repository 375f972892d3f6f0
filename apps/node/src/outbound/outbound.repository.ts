import { Inject, Injectable } from '@nestjs/common';
import { encodeMessage, ingressSubject, type MessageOf } from '#contracts';
import { JetStreamPublisher } from '#messaging';
import { MetricsService } from '#runtime';
import { NodeSigner, sealHeaders } from '#trust';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.token.js';
import { PublishFailedError } from '../common/request.errors.js';
import { NodeConfig } from '../config/node.config.js';
import type { OutboundEnvelope } from './outbound-envelope.js';
import { signedFieldsOf, type OutboundKind } from './signed-fields.js';

/** What JetStream said about one publish. */
export interface PublishOutcome {
  /** True when the stream already held a message with this id (a retried publish): nothing new was stored. */
  duplicate: boolean;
}

/** How the outbox sender publishes: one attempt each, as it retries itself, in order. */
export interface SendOptions {
  timeoutMs: number;
}

/** Signs this node's messages and publishes them to its ingress subject, waiting for JetStream's ack. */
@Injectable()
export class OutboundRepository {
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
  seal<K extends OutboundKind>(kind: K, message: MessageOf<K>): OutboundEnvelope {
    const body = encodeMessage(kind, message);
    const fields = signedFieldsOf(kind, message);
    return {
      id: fields.id,
      kind,
      subject: ingressSubject(this.config.NODE_ID, kind),
      body,
      headers: sealHeaders(this.signer, fields, body),
    };
  }

  /**
   * Signs and publishes `message` at once, with its id as `Nats-Msg-Id`, so a retry within the
   * stream's duplicate window is recognised rather than stored twice. For what is durable elsewhere
   * (a DELIVERED receipt: its delivery is redelivered when this fails); the rest goes through the outbox.
   *
   * @throws PublishFailedError when JetStream does not acknowledge the publish.
   */
  async publish<K extends OutboundKind>(kind: K, message: MessageOf<K>): Promise<PublishOutcome> {
    const envelope = this.seal(kind, message);
    try {
      return await this.send(envelope);
    } catch (error) {
      throw new PublishFailedError(envelope.id, { cause: error });
    }
  }

  /**
   * Publishes a sealed envelope; with `once`, a single attempt (the outbox sender's own retries keep
   * its messages in order). Rejects with the messaging layer's error when JetStream does not ack.
   */
  async send(envelope: OutboundEnvelope, once?: SendOptions): Promise<PublishOutcome> {
    const { duplicate } = await this.publisher.publish(envelope.subject, envelope.body, {
      msgId: envelope.id,
      headers: envelope.headers,
      ...(once === undefined ? {} : { retry: false, timeoutMs: once.timeoutMs }),
    });
    if (!duplicate) this.metrics.published.inc({ kind: envelope.kind });
    this.logger.debug({ msgId: envelope.id, kind: envelope.kind, duplicate }, 'published');
    return { duplicate };
  }
}
