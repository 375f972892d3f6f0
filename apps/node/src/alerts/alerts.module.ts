import { Module } from '@nestjs/common';
import { MessagesModule } from '../messages/messages.module.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';

@Module({
  imports: [MessagesModule],
  controllers: [AlertsController],
  providers: [AlertsService],
})
export class AlertsModule {}
