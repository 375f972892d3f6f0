import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module.js';
import { LinkModule } from '../link/link.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { MessagesController } from './messages.controller.js';
import { ReceiptsService } from './receipts.service.js';
import { SentMessagesService } from './sent-messages.service.js';
import { SentStateRepository } from './sent-state.repository.js';
import { SubmissionService } from './submission.service.js';

/** Messages between this node and others: what it sends and their delivery state, and the receipts it gives. */
@Module({
  imports: [LinkModule, OutboxModule, InboxModule],
  controllers: [MessagesController],
  providers: [SentStateRepository, SentMessagesService, SubmissionService, ReceiptsService],
  exports: [SentMessagesService, SubmissionService, ReceiptsService],
})
export class MessagesModule {}
