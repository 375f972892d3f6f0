import { Module } from '@nestjs/common';
import { HeartbeatMetrics } from './heartbeat.metrics.js';
import { HeartbeatStore } from './heartbeat.store.js';
import { HeartbeatsHandler } from './heartbeats.handler.js';
import { HeartbeatsService } from './heartbeats.service.js';

/** The network's heartbeats: received as the operator user, verified, the newest per process kept. */
@Module({
  providers: [HeartbeatStore, HeartbeatsService, HeartbeatsHandler, HeartbeatMetrics],
  exports: [HeartbeatsService],
})
export class HeartbeatsModule {}
