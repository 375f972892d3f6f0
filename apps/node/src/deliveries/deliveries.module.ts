import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { InboxModule } from '../inbox/inbox.module.js';
import { MessagesModule } from '../messages/messages.module.js';
import { ReleasesModule } from '../release/releases.module.js';
import { DeliveriesHandler } from './deliveries.handler.js';
import { DeliveriesService } from './deliveries.service.js';

/** What arrives on this node's durable consumer. */
@Module({
  imports: [InboxModule, MessagesModule, ReleasesModule, GroupsModule],
  controllers: [DeliveriesHandler],
  providers: [DeliveriesService],
  // The site fast path takes messages in the same way.
  exports: [DeliveriesService],
})
export class DeliveriesModule {}
