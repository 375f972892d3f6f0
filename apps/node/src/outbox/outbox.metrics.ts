import { Injectable } from '@nestjs/common';
import { MetricsService } from '#runtime';
import { Gauge } from 'prom-client';
import { Clock } from '../common/clock.js';
import { OutboxRepository } from './outbox.repository.js';

/**
 * The outbox's gauges, read from the store at each scrape: bl_outbox_depth and
 * bl_outbox_oldest_age_seconds. A growing age warns before the hub starts refusing the oldest
 * messages as stale (older than its sent-time window).
 */
@Injectable()
export class OutboxMetrics {
  constructor(metrics: MetricsService, repository: OutboxRepository, clock: Clock) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'bl_outbox_depth',
      help: 'Messages queued in the node outbox, not yet acknowledged by JetStream.',
      registers,
      collect() {
        this.set(repository.depth().depth);
      },
    });
    new Gauge({
      name: 'bl_outbox_oldest_age_seconds',
      help: 'Age of the oldest message in the node outbox; 0 when it is empty.',
      registers,
      collect() {
        this.set(repository.backlog(clock.now()).oldestAgeMs / 1000);
      },
    });
  }
}
