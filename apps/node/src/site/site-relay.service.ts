import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import type { MessageOf } from '#contracts';
import { RegistryIndex } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { NodeConfig } from '../config/node.config.js';
import { MESSAGE_QUEUED, type MessageQueued } from '../outbox/outbox-events.js';
import { SiteLinkRepository } from './site-link.repository.js';
import { isSiteKind, siteRecipients, type SiteKind } from './site-recipients.js';

/**
 * Sends what this node queues straight to the entitled nodes of its own national site, so that they
 * have it while the site's link to the hub is cut. The hub's later delivery of the same id is dropped
 * by their inbox and answered with the receipt, so each recipient still holds it once.
 */
@Injectable()
export class SiteRelayService {
  constructor(
    private readonly config: NodeConfig,
    private readonly registry: RegistryIndex,
    private readonly link: SiteLinkRepository,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Offers a message the outbox has just queued (its sealed envelope, as published to the hub) to
   * the node's site; nothing when the node is on no site's leaf server (NODE_SITE unset). Fire and
   * forget: never throws; a copy that does not arrive still comes through the hub.
   */
  @OnEvent(MESSAGE_QUEUED)
  offer({ kind, message, envelope }: MessageQueued): void {
    try {
      if (this.config.NODE_SITE === undefined || !isSiteKind(kind)) return;
      const recipients = siteRecipients(kind, message as MessageOf<SiteKind>, this.registry);
      for (const { node } of recipients) this.link.send(node, kind, envelope.body, envelope.headers);
      if (recipients.length > 0) {
        this.logger.debug(
          { msgId: message.id, kind, recipients: recipients.map(({ node }) => node) },
          'offered to the site',
        );
      }
    } catch (error) {
      this.logger.warn({ msgId: message.id, kind, err: error }, 'site fast path unavailable');
    }
  }
}
