import { Module } from '@nestjs/common';
import { HubLinkRepository } from './hub-link.repository.js';

/** The node's link to the hub: its messages, sealed and published to its ingress subject. */
@Module({
  providers: [HubLinkRepository],
  exports: [HubLinkRepository],
})
export class LinkModule {}
