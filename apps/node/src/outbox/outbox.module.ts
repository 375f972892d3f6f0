import { Module } from '@nestjs/common';
import { LinkModule } from '../link/link.module.js';
import { SentModule } from '../sent/sent.module.js';
import { OutboxSenderService } from './outbox-sender.service.js';
import { OutboxHealth } from './outbox.health.js';
import { OutboxMetrics } from './outbox.metrics.js';
import { OutboxRepository } from './outbox.repository.js';
import { OutboxService } from './outbox.service.js';

/** The node's durable outbox: what it sends waits on its disk until JetStream has it. */
@Module({
  imports: [LinkModule, SentModule],
  providers: [OutboxRepository, OutboxSenderService, OutboxService, OutboxMetrics, OutboxHealth],
  // The repository for the heartbeat, which reports the backlog.
  exports: [OutboxService, OutboxRepository],
})
export class OutboxModule {}
