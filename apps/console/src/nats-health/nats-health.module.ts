import { Module } from '@nestjs/common';
import { JetStreamAccountRepository } from './jetstream-account.repository.js';
import { NatsHealthController } from './nats-health.controller.js';
import { NatsHealthService } from './nats-health.service.js';
import { NatsMonitorRepository } from './nats-monitor.repository.js';

/** The NATS servers' health: monitoring endpoints, or the JetStream account. */
@Module({
  controllers: [NatsHealthController],
  providers: [NatsHealthService, NatsMonitorRepository, JetStreamAccountRepository],
})
export class NatsHealthModule {}
