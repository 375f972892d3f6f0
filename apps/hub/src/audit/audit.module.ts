import { Module } from '@nestjs/common';
import { AuditChainRepository } from './audit-chain.repository.js';
import { AuditChainStore } from './audit-chain.store.js';
import { AuditPolicy } from './audit-policy.js';
import { AuditTrail } from './audit-trail.js';
import { ChainedAuditTrailService } from './chained-audit-trail.service.js';
import { DeliveryStatementsService } from './delivery-statements.service.js';

/**
 * The audit chain: features inject AuditTrail and record their events through it, and state each
 * message they deliver with DeliveryStatementsService once its decision is recorded.
 */
@Module({
  providers: [
    { provide: AuditChainStore, useClass: AuditChainRepository },
    { provide: AuditPolicy, useValue: new AuditPolicy() },
    ChainedAuditTrailService,
    { provide: AuditTrail, useExisting: ChainedAuditTrailService },
    DeliveryStatementsService,
  ],
  exports: [AuditTrail, DeliveryStatementsService],
})
export class AuditModule {}
