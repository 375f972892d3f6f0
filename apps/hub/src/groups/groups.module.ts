import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { GroupStateRepository } from './group-state.repository.js';
import { GroupStore } from './group.store.js';
import { GroupsService } from './groups.service.js';

/** Closed user groups: their membership in BL_GROUPS, and the changes their owners make. */
@Module({
  imports: [AuditModule],
  providers: [GroupsService, { provide: GroupStore, useClass: GroupStateRepository }],
  exports: [GroupsService],
})
export class GroupsModule {}
