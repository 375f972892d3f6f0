import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { HeldMessagesModule } from '../held/held-messages.module.js';
import { TracesController } from './traces.controller.js';
import { TracesService } from './traces.service.js';

/** Firearms traces by seizure alert. */
@Module({
  imports: [HeldMessagesModule, AccessLogModule],
  controllers: [TracesController],
  providers: [TracesService],
})
export class TracesModule {}
