import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { HeldMessagesModule } from '../held/held-messages.module.js';
import { RequestsController } from './requests.controller.js';
import { RequestsService } from './requests.service.js';

/** Requests by side and state, with their deadlines. */
@Module({
  imports: [HeldMessagesModule, AccessLogModule],
  controllers: [RequestsController],
  providers: [RequestsService],
})
export class RequestsModule {}
