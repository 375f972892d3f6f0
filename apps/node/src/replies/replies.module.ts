import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module.js';
import { SubmissionModule } from '../submission/submission.module.js';
import { RepliesController } from './replies.controller.js';
import { RepliesService } from './replies.service.js';

/** Replies to what the node received. */
@Module({
  imports: [InboxModule, SubmissionModule],
  controllers: [RepliesController],
  providers: [RepliesService],
})
export class RepliesModule {}
