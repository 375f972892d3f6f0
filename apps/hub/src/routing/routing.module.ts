import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { GroupStateRepository } from '../groups/group-state.repository.js';
import { GroupStore } from '../groups/group-store.js';
import { GroupsService } from '../groups/groups.service.js';
import { OriginalMessageRepository } from '../release/original-message.repository.js';
import { OriginalMessageStore } from '../release/original-message.store.js';
import { ReleaseRequestRepository } from '../release/release-request.repository.js';
import { ReleaseRequestStore } from '../release/release-request.store.js';
import { ReleasesService } from '../release/releases.service.js';
import { RecipientResolverService } from './recipient-resolver.service.js';
import { RouteRecordRepository } from './route-record.repository.js';
import { RouteRecordStore } from './route-record.store.js';

/**
 * Who receives what: the recipient policy, the route records it consults, closed user group
 * membership and the release workflow.
 */
@Module({
  imports: [AuditModule],
  providers: [
    RecipientResolverService,
    GroupsService,
    ReleasesService,
    { provide: RouteRecordStore, useClass: RouteRecordRepository },
    { provide: GroupStore, useClass: GroupStateRepository },
    { provide: ReleaseRequestStore, useClass: ReleaseRequestRepository },
    { provide: OriginalMessageStore, useClass: OriginalMessageRepository },
  ],
  exports: [RecipientResolverService, RouteRecordStore],
})
export class RoutingModule {}
