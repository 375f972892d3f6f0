import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module.js';
import { HeldIndexesModule } from '../indexes/held-indexes.module.js';
import { LinkModule } from '../link/link.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { ReceiptsController } from './receipts.controller.js';
import { ReceiptsService } from './receipts.service.js';

/** The receipts this node issues: `delivered` on taking a message in, and its users' answers. */
@Module({
  imports: [InboxModule, OutboxModule, LinkModule, HeldIndexesModule],
  controllers: [ReceiptsController],
  providers: [ReceiptsService],
  exports: [ReceiptsService],
})
export class ReceiptsModule {}
