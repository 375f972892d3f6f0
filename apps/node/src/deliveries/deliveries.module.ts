import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { DeliveriesHandler } from './deliveries.handler.js';
import { DeliveriesService } from './deliveries.service.js';

/** What arrives on this node's durable consumer. */
@Module({
  imports: [InboxModule, MessagesModule],
  controllers: [DeliveriesHandler],
  providers: [DeliveriesService],
})
export class DeliveriesModule {}
