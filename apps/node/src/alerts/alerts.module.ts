import { Module } from '@nestjs/common';
import { SubmissionModule } from '../submission/submission.module.js';
import { AlertsController } from './alerts.controller.js';
import { AlertsService } from './alerts.service.js';

@Module({
  imports: [SubmissionModule],
  controllers: [AlertsController],
  providers: [AlertsService],
  // The CAP import publishes through it (apps/node/src/cap).
  exports: [AlertsService],
})
export class AlertsModule {}
