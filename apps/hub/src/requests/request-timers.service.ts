import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { HubConfig } from '../config/hub.config.js';
import { RequestsService } from './requests.service.js';

/**
 * Sweeps the requests' follow-ups on an interval. Each hub instance sweeps; what one issues the
 * others issue again with the same ids, which JetStream and the nodes drop, so no leader is needed.
 */
@Injectable()
export class RequestTimersService implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private sweeping: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly requests: RequestsService,
    private readonly config: HubConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      this.sweeping = this.requests
        .sweep(new Date())
        .catch((error: unknown) => this.logger.warn({ err: error }, 'request follow-ups not swept'));
    }, this.config.HUB_REQUEST_SWEEP_MS);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.sweeping;
  }
}
