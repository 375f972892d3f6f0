import { Module } from '@nestjs/common';
import { OutboundModule } from '../outbound/outbound.module.js';
import { OutboxSenderService } from './outbox-sender.service.js';
import { OutboxHealth } from './outbox.health.js';
import { OutboxMetrics } from './outbox.metrics.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';

/** The node's durable outbox: what it sends waits on its disk until JetStream has it. */
@Module({
  imports: [OutboundModule],
  providers: [OutboxRepository, OutboxSenderService, OutboxService, OutboxMetrics, OutboxHealth],
  exports: [OutboxService, OutboxSenderService, OutboxRepository],
})
export class OutboxModule {}
