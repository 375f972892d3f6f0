import { Controller, Get, Header, Inject, ServiceUnavailableException } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { NatsHealthIndicator } from './nats.health.js';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';
import { RedisHealthIndicator } from './redis.health.js';
import { OperatorRoute, PublicRoute } from './route-access.js';

/**
 * Readiness: 200 when NATS, JetStream and Redis all answer; 503 naming the ones that do not. Further
 * parts (`ObservabilityOptions.details`) are reported beside them. With `bareHealth`, /healthz says
 * only up or down, and the parts are at /healthz/details for the operator.
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
  @PublicRoute()
  @Header('Cache-Control', 'no-store')
  async check(): Promise<HealthCheckResult | { status: 'ok' }> {
    if (this.options.bareHealth !== true) return this.details();
    try {
      await this.details();
      return { status: 'ok' };
    } catch (error) {
      if (error instanceof ServiceUnavailableException)
        throw new ServiceUnavailableException({ status: 'error' });
      throw error;
    }
  }

  @Get('healthz/details')
  @OperatorRoute()
  @HealthCheck()
  details(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.nats.connection(),
      () => this.nats.jetstream(),
      ...(this.options.redis === false ? [] : [() => this.redis.ping()]),
      ...(this.options.details ?? []).map((type) => () => this.modules.get(type, { strict: false }).check()),
    ]);
  }
}
