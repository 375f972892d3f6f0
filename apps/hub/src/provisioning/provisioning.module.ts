import { Module } from '@nestjs/common';
import { NodeConsumersService } from './node-consumers.service.js';

/** What the hub provisions on NATS for others: the nodes' delivery consumers. */
@Module({ providers: [NodeConsumersService] })
export class ProvisioningModule {}
