import { Controller, Get, Header } from '@nestjs/common';
import type { NatsHealthView } from './nats-health.dto.js';
import { NatsHealthService } from './nats-health.service.js';

/** `GET /v1/nats`: servers, cluster routes, leaf links and JetStream usage. */
@Controller('v1/nats')
export class NatsHealthController {
  constructor(private readonly nats: NatsHealthService) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  get(): Promise<NatsHealthView> {
    return this.nats.health();
  }
}
