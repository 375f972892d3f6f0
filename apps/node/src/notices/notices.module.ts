import { Module } from '@nestjs/common';
import { GroupsModule } from '../groups/groups.module.js';
import { HeldMessagesModule } from '../held/held-messages.module.js';
import { SubmissionModule } from '../submission/submission.module.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';

@Module({
  imports: [SubmissionModule, HeldMessagesModule, GroupsModule],
  controllers: [NoticesController],
  providers: [NoticesService],
})
export class NoticesModule {}
