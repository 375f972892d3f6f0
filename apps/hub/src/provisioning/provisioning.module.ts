import { Module } from '@nestjs/common';
import { NodeConsumersService } from './node-consumers.service.js';
import { NodeRebuildRequestsService } from './node-rebuild-requests.service.js';

/**
 * What the hub provisions on NATS for the nodes, which may not create consumers themselves: their
 * delivery consumers at start, and a rebuild consumer when a node asks for one.
 */
@Module({ providers: [NodeConsumersService, NodeRebuildRequestsService] })
export class ProvisioningModule {}
