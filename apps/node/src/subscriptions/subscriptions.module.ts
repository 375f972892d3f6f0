import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SentModule } from '../sent/sent.module.js';
import { NarrowingRepository } from './narrowing.repository.js';
import { SubscriptionsController } from './subscriptions.controller.js';
import { SubscriptionsService } from './subscriptions.service.js';

/** The node's narrowing of its registry subscriptions, sent to the hub, which applies it while routing. */
@Module({
  imports: [OutboxModule, SentModule],
  controllers: [SubscriptionsController],
  providers: [NarrowingRepository, SubscriptionsService],
})
export class SubscriptionsModule {}
