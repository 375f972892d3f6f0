import { Module } from '@nestjs/common';
import { HubRebuildService } from './hub-rebuild.service.js';
import { HubStateRepository } from './hub-state.repository.js';
import { NodeRebuildRequestsService } from './node-rebuild-requests.service.js';

/** Rebuilding Redis state from JetStream: the hub's own, and the rebuild consumers nodes ask for. */
@Module({
  providers: [HubRebuildService, HubStateRepository, NodeRebuildRequestsService],
})
export class RebuildModule {}
