import { Module } from '@nestjs/common';
import { DeliveryModule } from '../delivery/delivery.module.js';
import { RateLimitModule } from '../rate-limit/rate-limit.module.js';
import { RoutesModule } from '../routes/routes.module.js';
import { RoutingModule } from '../routing/routing.module.js';
import { AcceptedIdRepository } from './accepted-ids.repository.js';
import { AcceptedIdStore } from './accepted-ids.store.js';
import { IngressHandler } from './ingress.handler.js';
import { IngressMetrics } from './ingress.metrics.js';
import { IngressService } from './ingress.service.js';

/** The ingress pipeline and its NATS handler. */
@Module({
  imports: [RoutingModule, RoutesModule, DeliveryModule, RateLimitModule],
  controllers: [IngressHandler],
  providers: [IngressService, IngressMetrics, { provide: AcceptedIdStore, useClass: AcceptedIdRepository }],
})
export class IngressModule {}
