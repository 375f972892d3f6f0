import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { IngressHandler } from './ingress.handler.js';
import { IngressService } from './ingress.service.js';

/** The ingress pipeline and its NATS handler. */
@Module({
  imports: [RoutingModule, DeliveryModule],
  controllers: [IngressHandler],
  providers: [IngressService],
})
export class IngressModule {}
