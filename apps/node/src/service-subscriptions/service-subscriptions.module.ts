import { Module } from '@nestjs/common';
import { AccessModule } from '../access/access.module.js';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { InboxModule } from '../inbox/inbox.module.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { ServiceSubscriptionsController } from './service-subscriptions.controller.js';
import { ServiceSubscriptionsRepository } from './service-subscriptions.repository.js';
import { ServiceSubscriptionsService } from './service-subscriptions.service.js';
import { WebhookDispatcher } from './webhook-dispatcher.service.js';

/**
 * Services' subscriptions inside the agency: filters over what the node takes in, each match in the
 * subscription's own log, handed out by a resumable live stream and by signed webhooks.
 */
@Module({
  imports: [AccessModule, AccessLogModule, InboxModule],
  controllers: [ServiceSubscriptionsController],
  providers: [
    RegistrationsRepository,
    ServiceSubscriptionsRepository,
    ServiceSubscriptionsService,
    WebhookDispatcher,
  ],
  exports: [ServiceSubscriptionsService],
})
export class ServiceSubscriptionsModule {}
