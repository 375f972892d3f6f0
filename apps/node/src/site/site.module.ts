import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { SiteLinkRepository } from './site-link.repository.js';
import { SiteReceiverService } from './site-receiver.service.js';
import { SiteRelayService } from './site-relay.service.js';

/**
 * The site fast path between the nodes of one national site, active when NODE_SITE is set: what the
 * outbox queues is offered to the site (it listens to the outbox's MESSAGE_QUEUED), and what the
 * site's other nodes offer is taken in through the deliveries.
 */
@Module({
  imports: [DeliveriesModule],
  providers: [SiteLinkRepository, SiteRelayService, SiteReceiverService],
})
export class SiteModule {}
