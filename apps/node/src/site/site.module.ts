import { Global, Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { SiteLinkRepository } from './site-link.repository.js';
import { SiteReceiverService } from './site-receiver.service.js';
import { SiteRelayService } from './site-relay.service.js';

/**
 * The site fast path between the nodes of one national site, active when NODE_SITE is set. Global,
 * so that submission can offer what it sends without an import cycle through the deliveries.
 */
@Global()
@Module({
  imports: [DeliveriesModule],
  providers: [SiteLinkRepository, SiteRelayService, SiteReceiverService],
  exports: [SiteRelayService],
})
export class SiteModule {}
