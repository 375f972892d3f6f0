import { Module } from '@nestjs/common';
import { TrafficController } from './traffic.controller.js';
import { TrafficService } from './traffic.service.js';

/** The network's traffic per minute, from the hub's heartbeats (announced by heartbeats/). */
@Module({ controllers: [TrafficController], providers: [TrafficService] })
export class TrafficModule {}
