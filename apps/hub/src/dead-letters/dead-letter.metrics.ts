import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import { MetricsService, LOGGER, counterTotal } from '#runtime';
import type { Logger } from 'pino';
import { DeadLetterStore } from './dead-letter.store.js';

/**
 * bl_dead_letters (records held now, read from the stream at each scrape, so it is right whichever
 * app wrote them and after replays or drops) and bl_dead_letters_written_total (records this hub
 * wrote from advisories), both per stream and consumer, on the hub's /metrics.
 */
@Injectable()
export class DeadLetterMetrics implements OnModuleInit {
  private written: Counter<'stream' | 'consumer'> | undefined;

  constructor(
    private readonly metrics: MetricsService,
    private readonly store: DeadLetterStore,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    this.written = new Counter({
      name: 'bl_dead_letters_written_total',
      help: 'Dead-letter records the hub wrote from server advisories, by source stream and consumer.',
      labelNames: ['stream', 'consumer'],
      registers,
    });
    const store = this.store;
    const logger = this.logger;
    new Gauge({
      name: 'bl_dead_letters',
      help: 'Dead-letter records held in BL_DLQ, by source stream and consumer (lowercase).',
      labelNames: ['stream', 'consumer'],
      registers,
      async collect() {
        try {
          const counts = await store.counts();
          this.reset();
          for (const { stream, consumer, count } of counts) this.set({ stream, consumer }, count);
        } catch (error) {
          // A scrape while NATS is unreachable keeps the last known values rather than failing.
          logger.warn({ err: error }, 'cannot read dead-letter counts');
        }
      },
    });
  }

  /** Records this hub wrote from advisories since it started, over all streams and consumers. */
  async writtenTotal(): Promise<number> {
    return this.written === undefined ? 0 : counterTotal(this.written);
  }

  /** Counts one record written by this hub. */
  recordWritten(stream: string, consumer: string): void {
    // Lowercase like the gauge's labels (record subjects), so the two series join.
    this.written?.inc({ stream: stream.toLowerCase(), consumer: consumer.toLowerCase() });
  }
}
