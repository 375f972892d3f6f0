import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { HandedOutRepository } from './handed-out.repository.js';
import { InboxController } from './inbox.controller.js';
import { InboxRepository } from './inbox.repository.js';
import { InboxService } from './inbox.service.js';
import { HeldIndexesModule } from '../indexes/held-indexes.module.js';

/** What this node received: stored once each, listed and streamed. */
@Module({
  imports: [AccessModule, AccessLogModule, HeldIndexesModule],
  controllers: [InboxController],
  providers: [InboxRepository, HandedOutRepository, InboxService],
  exports: [InboxService],
})
export class InboxModule {}
