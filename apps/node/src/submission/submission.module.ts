import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SentModule } from '../sent/sent.module.js';
import { SerialsModule } from '../serials/serials.module.js';
import { SubmissionService } from './submission.service.js';
import { HeldIndexesModule } from '../indexes/held-indexes.module.js';

/** What this node's users send through its API: read, stamped, validated, queued and followed. */
@Module({
  imports: [OutboxModule, SentModule, HeldIndexesModule, SerialsModule],
  providers: [SubmissionService],
  exports: [SubmissionService],
})
export class SubmissionModule {}
