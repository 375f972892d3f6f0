import { Module } from '@nestjs/common';
import { RequestsModule } from '../requests/requests.module.js';
import { HubRebuildService } from './hub-rebuild.service.js';
import { HubStateRepository } from './hub-state.repository.js';

/** Rebuilding the hub's Redis state from its streams when the epoch marker says it was lost. */
@Module({
  imports: [RequestsModule],
  providers: [HubRebuildService, HubStateRepository],
})
export class RebuildModule {}
