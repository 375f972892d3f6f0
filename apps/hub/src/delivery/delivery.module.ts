import { Module } from '@nestjs/common';
import { DeliveryRepository } from './delivery.repository.js';
import { DeliveryService } from './delivery.service.js';
import { EnvelopePublisher } from './envelope-publisher.js';

/** Durable fan-out of copies, routing reports, rejections and audit entries. */
@Module({
  providers: [DeliveryService, { provide: EnvelopePublisher, useClass: DeliveryRepository }],
  exports: [DeliveryService],
})
export class DeliveryModule {}
