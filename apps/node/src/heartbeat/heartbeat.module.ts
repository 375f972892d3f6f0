import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { HeartbeatRepository } from './heartbeat.repository.js';
import { NodeHeartbeatService } from './node-heartbeat.service.js';

/** The node's signed heartbeat on `bl.hb.<node>` and its consumer's lag on its /metrics. */
@Module({ imports: [OutboxModule], providers: [HeartbeatRepository, NodeHeartbeatService] })
export class HeartbeatModule {}
