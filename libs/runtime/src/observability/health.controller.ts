import { Controller, Get } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { NatsHealthIndicator } from './nats.health.js';
import { RedisHealthIndicator } from './redis.health.js';

/** Readiness: 200 when NATS, JetStream and Redis all answer; 503 naming the ones that do not. */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nats: NatsHealthIndicator,
    private readonly redis: RedisHealthIndicator,
  ) {}

  @Get('healthz')
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.nats.connection(),
      () => this.nats.jetstream(),
      () => this.redis.ping(),
    ]);
  }
}
