import { Module } from '@nestjs/common';
import { HeartbeatsModule } from '../heartbeats/heartbeats.module.js';
import { NetworkController } from './network.controller.js';
import { NetworkService } from './network.service.js';

/** The network's nodes and processes, from the registry and the heartbeats. */
@Module({ imports: [HeartbeatsModule], controllers: [NetworkController], providers: [NetworkService] })
export class NetworkModule {}
