import { Controller, Get, Inject } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { NatsHealthIndicator } from './nats.health.js';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';
import { RedisHealthIndicator } from './redis.health.js';

/**
 * Readiness: 200 when NATS, JetStream and Redis all answer; 503 naming the ones that do not. Further
 * parts (`ObservabilityOptions.details`) are reported beside them.
 */
@Controller()
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly nats: NatsHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    private readonly modules: ModuleRef,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  @Get('healthz')
  @HealthCheck()
  check(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.nats.connection(),
      () => this.nats.jetstream(),
      () => this.redis.ping(),
      ...(this.options.details ?? []).map((type) => () => this.modules.get(type, { strict: false }).check()),
    ]);
  }
}
