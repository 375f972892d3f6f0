import { Module } from '@nestjs/common';
import { SubmissionModule } from '../submission/submission.module.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';

@Module({
  imports: [SubmissionModule],
  controllers: [NoticesController],
  providers: [NoticesService],
})
export class NoticesModule {}
