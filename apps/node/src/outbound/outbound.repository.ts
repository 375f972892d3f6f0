import { Inject, Injectable } from '@nestjs/common';
import { encodeMessage, ingressSubject, type MessageOf } from '#contracts';
import { JetStreamPublisher } from '#messaging';
import { MetricsService } from '#runtime';
import { NodeSigner, sealHeaders } from '#trust';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.token.js';
import { PublishFailedError } from '../common/request.errors.js';
import { NodeConfig } from '../config/node.config.js';
import { signedFieldsOf, type OutboundKind } from './signed-fields.js';

/** What JetStream said about one publish. */
export interface PublishOutcome {
  /** True when the stream already held a message with this id (a retried publish): nothing new was stored. */
  duplicate: boolean;
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
   * Publishes `message` on `bl.in.<node>.<kind>` with its id as `Nats-Msg-Id`, so a retry within the
   * stream's duplicate window is recognised rather than stored twice.
   *
   * @throws PublishFailedError when JetStream does not acknowledge the publish.
   */
  async publish<K extends OutboundKind>(kind: K, message: MessageOf<K>): Promise<PublishOutcome> {
    const body = encodeMessage(kind, message);
    const fields = signedFieldsOf(kind, message);
    const headers = sealHeaders(this.signer, fields, body);
    let duplicate: boolean;
    try {
      ({ duplicate } = await this.publisher.publish(ingressSubject(this.config.NODE_ID, kind), body, {
        msgId: fields.id,
        headers,
      }));
    } catch (error) {
      throw new PublishFailedError(fields.id, { cause: error });
    }
    if (!duplicate) this.metrics.published.inc({ kind });
    this.logger.debug({ msgId: fields.id, kind, duplicate }, 'published');
    return { duplicate };
  }
}
