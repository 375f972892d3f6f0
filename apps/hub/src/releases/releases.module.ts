import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { RoutesModule } from '../routes/routes.module.js';
import { OriginalMessageRepository } from './original-message.repository.js';
import { OriginalMessageStore } from './original-message.store.js';
import { ReleaseRequestRepository } from './release-request.repository.js';
import { ReleaseRequestStore } from './release-request.store.js';
import { ReleasesService } from './releases.service.js';

/** The release workflow at the hub: requests to originators, their decisions, re-sharing the original. */
@Module({
  imports: [AuditModule, RoutesModule],
  providers: [
    ReleasesService,
    { provide: ReleaseRequestStore, useClass: ReleaseRequestRepository },
    { provide: OriginalMessageStore, useClass: OriginalMessageRepository },
  ],
  exports: [ReleasesService],
})
export class ReleasesModule {}
