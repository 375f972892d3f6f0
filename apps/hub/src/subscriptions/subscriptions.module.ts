import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { SubscriptionStateRepository } from './subscription-state.repository.js';
import { SubscriptionStore } from './subscription.store.js';
import { SubscriptionsService } from './subscriptions.service.js';

/** Nodes' narrowings of their subscriptions: kept in BL_SUBSCRIPTIONS, held in memory for routing. */
@Module({
  imports: [AuditModule],
  providers: [SubscriptionsService, { provide: SubscriptionStore, useClass: SubscriptionStateRepository }],
  exports: [SubscriptionsService],
})
export class SubscriptionsModule {}
