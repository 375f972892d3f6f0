import { Module } from '@nestjs/common';
import { InboxModule } from '../inbox/inbox.module.js';
import { OutboxModule } from '../outbox/outbox.module.js';
import { SentModule } from '../sent/sent.module.js';
import { ReleasesController } from './releases.controller.js';
import { ReleasesRepository } from './releases.repository.js';
import { ReleasesService } from './releases.service.js';

/** The release workflow: requests to originators, decisions on requests, and their answers. */
@Module({
  imports: [OutboxModule, InboxModule, SentModule],
  controllers: [ReleasesController],
  providers: [ReleasesRepository, ReleasesService],
  exports: [ReleasesService],
})
export class ReleasesModule {}
