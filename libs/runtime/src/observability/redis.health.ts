import { Inject, Injectable, Optional } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { Redis } from 'ioredis';
import { REDIS } from '../redis/redis-token.js';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';

/** Health of the shared Redis client (`redis`): connected, and PING answered in time. */
@Injectable()
export class RedisHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    // Absent in an app without Redis, which never asks (ObservabilityOptions.redis).
    @Optional() @Inject(REDIS) private readonly redis: Redis,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  async ping(): Promise<HealthIndicatorResult<'redis'>> {
    const check = this.indicators.check('redis');
    // A disconnected client would park PING in its offline queue; report the state instead.
    if (this.redis.status !== 'ready') return check.down({ message: `connection ${this.redis.status}` });
    return await check
      .attempt(async () => {
        await this.redis.ping();
      })
      .withTimeout(this.options.healthTimeoutMs ?? 1_000);
  }
}
