import { Inject, Injectable } from '@nestjs/common';
import type { MessageKind, MessageOf } from '#contracts';
import { RegistryIndex } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { NodeConfig } from '../config/node.config.js';
import { SiteLinkRepository } from './site-link.repository.js';
import { isSiteKind, siteRecipients, type SiteKind } from './site-recipients.js';

/**
 * Sends what this node submits straight to the entitled nodes of its own national site, so that they
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
   * Offers a message this node signed (`body` and its signed `headers`, as published to the hub) to
   * its site; nothing when the node is on no site's leaf server (NODE_SITE unset). Fire and forget:
   * never throws; a copy that does not arrive still comes through the hub.
   */
  offer<K extends MessageKind>(
    kind: K,
    message: MessageOf<K>,
    body: Uint8Array,
    headers: Record<string, string>,
  ): void {
    try {
      if (this.config.NODE_SITE === undefined || !isSiteKind(kind)) return;
      const recipients = siteRecipients(kind, message as MessageOf<SiteKind>, this.registry);
      for (const { node } of recipients) this.link.send(node, kind, body, headers);
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
