import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { HeldMessagesModule } from '../held/held-messages.module.js';
import { ThreadsController } from './threads.controller.js';
import { ThreadsService } from './threads.service.js';

/** The thread view: what the node received and sent in one thread. */
@Module({
  imports: [HeldMessagesModule, AccessLogModule],
  controllers: [ThreadsController],
  providers: [ThreadsService],
})
export class ThreadsModule {}
