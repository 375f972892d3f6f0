import { Module } from '@nestjs/common';
import { InboxRepository } from '../inbox/inbox.repository.js';
import { FeedsController } from './feeds.controller.js';
import { FeedsService } from './feeds.service.js';

/** Public Atom feeds of TLP:CLEAR alerts by region, and their CAP documents. */
@Module({
  controllers: [FeedsController],
  // The inbox's store, read directly: the feed has no reader whose listing the inbox would log.
  providers: [InboxRepository, FeedsService],
})
export class FeedsModule {}
