import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { InboxModule } from '../inbox/inbox.module.js';
import { SentModule } from '../sent/sent.module.js';
import { ThreadIndexModule } from './thread-index.module.js';
import { ThreadsController } from './threads.controller.js';
import { ThreadsService } from './threads.service.js';

/** The thread view: what the node received and sent in one thread. */
@Module({
  imports: [ThreadIndexModule, InboxModule, SentModule, AccessLogModule],
  controllers: [ThreadsController],
  providers: [ThreadsService],
})
export class ThreadsModule {}
