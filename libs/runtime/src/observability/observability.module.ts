import { Module, type DynamicModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './health.controller.js';
import { MetricsController } from './metrics.controller.js';
import { MetricsService } from './metrics.service.js';
import { NATS_HEALTH } from './nats-health-probe.js';
import { NatsHealthIndicator } from './nats.health.js';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';
import { RedisHealthIndicator } from './redis.health.js';

/**
 * GET /healthz (terminus: `nats`, `jetstream`, `redis`) and GET /metrics (Prometheus), and
 * `MetricsService` for the whole application (global module). Needs the `REDIS` client
 * (RedisModule, unless `options.redis` is false) and the provider named by `options.nats` to be
 * available in the application.
 *
 * ```ts
 * ObservabilityModule.forRoot({ service: 'hub', nats: NatsConnectionService })
 * ```
 */
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    return {
      module: ObservabilityModule,
      global: true,
      imports: [TerminusModule.forRoot()],
      controllers: [HealthController, MetricsController],
      providers: [
        { provide: OBSERVABILITY_OPTIONS, useValue: options },
        { provide: NATS_HEALTH, useExisting: options.nats },
        MetricsService,
        NatsHealthIndicator,
        RedisHealthIndicator,
      ],
      exports: [MetricsService],
    };
  }
}
