import { Module } from '@nestjs/common';
import { DeliveriesModule } from '../deliveries/deliveries.module.js';
import { RebuildConsumerRepository } from './rebuild-consumer.repository.js';
import { RebuildService } from './rebuild.service.js';

/** Rebuilding this node's Redis state from its deliveries after a wipe. */
@Module({
  imports: [DeliveriesModule],
  providers: [RebuildService, RebuildConsumerRepository],
})
export class RebuildModule {}
