import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { NodeRebuildService } from './node-rebuild.service.js';
import { RebuildConsumerLink } from './rebuild-consumer.link.js';

/** Rebuilding this node's Redis state from its deliveries after a wipe. */
@Module({
  imports: [DeliveriesModule],
  providers: [NodeRebuildService, RebuildConsumerLink],
})
export class RebuildModule {}
