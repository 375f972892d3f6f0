import { Module } from '@nestjs/common';
import { AuditChainRepository } from './audit-chain.repository.js';
import { AuditChainStore } from './audit-chain.store.js';
import { AuditPolicy } from './audit-policy.js';
import { AuditTrail } from './audit-trail.js';
import { ChainedAuditTrailService } from './chained-audit-trail.service.js';

/** The audit chain: features inject AuditTrail and record their events through it. */
@Module({
  providers: [
    { provide: AuditChainStore, useClass: AuditChainRepository },
    { provide: AuditPolicy, useValue: new AuditPolicy() },
    ChainedAuditTrailService,
    { provide: AuditTrail, useExisting: ChainedAuditTrailService },
  ],
  exports: [AuditTrail],
})
export class AuditModule {}
