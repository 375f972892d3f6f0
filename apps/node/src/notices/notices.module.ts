import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';

@Module({
  imports: [MessagesModule],
  controllers: [NoticesController],
  providers: [NoticesService],
})
export class NoticesModule {}
