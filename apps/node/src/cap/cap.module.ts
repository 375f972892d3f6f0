import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { AlertsModule } from '../alerts/alerts.module.js';
import { HeldMessagesModule } from '../held/held-messages.module.js';
import { CapController } from './cap.controller.js';
import { CapService } from './cap.service.js';

/** OASIS CAP 1.2: documents posted as this node's alerts, and held alerts read as documents. */
@Module({
  imports: [AlertsModule, HeldMessagesModule, AccessLogModule],
  controllers: [CapController],
  providers: [CapService],
})
export class CapModule {}
