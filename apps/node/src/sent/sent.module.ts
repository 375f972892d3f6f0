import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { SentMessagesController } from './sent-messages.controller.js';
import { SentMessagesService } from './sent-messages.service.js';
import { SentStateRepository } from './sent-state.repository.js';

/**
 * What this node sent and where it stands: queued, accepted or rejected, and each recipient's
 * delivery state from the hub's routing reports and the recipients' receipts.
 */
@Module({
  imports: [AccessLogModule],
  controllers: [SentMessagesController],
  providers: [SentStateRepository, SentMessagesService],
  exports: [SentMessagesService],
})
export class SentModule {}
