import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { RequestTimersService } from './request-timers.service.js';
import { RequestsRepository } from './requests.repository.js';
import { RequestsService } from './requests.service.js';

/** Answer deadlines of requests: tracked as they are routed, followed up when they pass. */
@Module({
  imports: [DeliveryModule],
  providers: [RequestsRepository, RequestsService, RequestTimersService],
  exports: [RequestsService, RequestsRepository],
})
export class RequestsModule {}
