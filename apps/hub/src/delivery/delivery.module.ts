import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { DeliveryRepository } from './delivery.repository.js';
import { DeliveryService } from './delivery.service.js';
import { DeliveryStore } from './delivery.store.js';

/** Durable fan-out of copies, routing reports and rejections, each decision recorded in the audit chain. */
@Module({
  imports: [AuditModule],
  providers: [DeliveryService, { provide: DeliveryStore, useClass: DeliveryRepository }],
  exports: [DeliveryService],
})
export class DeliveryModule {}
