import { Module } from '@nestjs/common';
import { AccessLogModule } from '../access-log/access-log.module.js';
import { InboxModule } from '../inbox/inbox.module.js';
import { SerialIndexRepository } from './serial-index.repository.js';
import { SerialsController } from './serials.controller.js';
import { SerialsService } from './serials.service.js';

/** Weapon serials correlated across what the node holds, and searched. */
@Module({
  imports: [InboxModule, AccessLogModule],
  controllers: [SerialsController],
  providers: [SerialIndexRepository, SerialsService],
  exports: [SerialsService],
})
export class SerialsModule {}
