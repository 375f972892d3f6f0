import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { GroupViewsRepository } from './group-views.repository.js';
import { GroupsController } from './groups.controller.js';
import { GroupsService } from './groups.service.js';

/** Closed user groups: changes as owner, and the node's view of the groups it belongs to. */
@Module({
  imports: [OutboxModule],
  controllers: [GroupsController],
  providers: [GroupViewsRepository, GroupsService],
  exports: [GroupsService],
})
export class GroupsModule {}
