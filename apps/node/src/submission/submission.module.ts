import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SentModule } from '../sent/sent.module.js';
import { SectionIndexModule } from '../picture/section-index.module.js';
import { SerialsModule } from '../serials/serials.module.js';
import { ThreadIndexModule } from '../threads/thread-index.module.js';
import { SubmissionService } from './submission.service.js';

/** What this node's users send through its API: read, stamped, validated, queued and followed. */
@Module({
  imports: [OutboxModule, SentModule, ThreadIndexModule, SerialsModule, SectionIndexModule],
  providers: [SubmissionService],
  exports: [SubmissionService],
})
export class SubmissionModule {}
