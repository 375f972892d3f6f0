import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { NATS_HEALTH, type NatsHealthProbe } from './nats-health-probe.js';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';

const NOT_CONNECTED = 'not connected to a NATS server';

/** Health of the NATS link (`nats`) and of JetStream behind it (`jetstream`). */
@Injectable()
export class NatsHealthIndicator {
  constructor(
    private readonly indicators: HealthIndicatorService,
    @Inject(NATS_HEALTH) private readonly nats: NatsHealthProbe,
    @Inject(OBSERVABILITY_OPTIONS) private readonly options: ObservabilityOptions,
  ) {}

  connection(): HealthIndicatorResult<'nats'> {
    const check = this.indicators.check('nats');
    return this.nats.isConnected() ? check.up() : check.down({ message: NOT_CONNECTED });
  }

  /** Up when JetStream answers in time; a server without JetStream, or a lost quorum, fails it. */
  async jetstream(): Promise<HealthIndicatorResult<'jetstream'>> {
    const check = this.indicators.check('jetstream');
    // Without a connection the request could only time out; say why at once.
    if (!this.nats.isConnected()) return check.down({ message: NOT_CONNECTED });
    return await check
      .attempt(async () => {
        await this.nats.probeJetStream();
      })
      .withTimeout(this.options.healthTimeoutMs ?? 1_000);
  }
}
