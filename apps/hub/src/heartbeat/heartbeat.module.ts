import { Module } from '@nestjs/common';
import { DeadLettersModule } from '../dead-letters/dead-letters.module.js';
import { HeartbeatRepository } from './heartbeat.repository.js';
import { HubHeartbeatService } from './hub-heartbeat.service.js';

/** The hub instance's signed heartbeat on `bl.hb.<hub>` and the nodes' consumer lag on its /metrics. */
@Module({ imports: [DeadLettersModule], providers: [HeartbeatRepository, HubHeartbeatService] })
export class HeartbeatModule {}
