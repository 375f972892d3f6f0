import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { InboxModule } from '../inbox/inbox.module.js';
import { ReceiptsModule } from '../receipts/receipts.module.js';
import { ReleasesModule } from '../releases/releases.module.js';
import { SentModule } from '../sent/sent.module.js';
import { SerialsModule } from '../serials/serials.module.js';
import { ServiceSubscriptionsModule } from '../service-subscriptions/service-subscriptions.module.js';
import { WitnessModule } from '../witness/witness.module.js';
import { DeliveriesHandler } from './deliveries.handler.js';
import { DeliveriesService } from './deliveries.service.js';

/** What arrives on this node's durable consumer. */
@Module({
  imports: [
    InboxModule,
    SentModule,
    ReceiptsModule,
    ReleasesModule,
    GroupsModule,
    WitnessModule,
    SerialsModule,
    ServiceSubscriptionsModule,
  ],
  controllers: [DeliveriesHandler],
  providers: [DeliveriesService],
  // The site fast path takes messages in the same way.
  exports: [DeliveriesService],
})
export class DeliveriesModule {}
