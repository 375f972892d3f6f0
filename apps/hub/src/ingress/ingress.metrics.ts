import { Injectable, type OnModuleInit } from '@nestjs/common';
import { Counter } from 'prom-client';
import { MetricsService } from '#runtime';

/** bl_ingress_dropped_total: ingress messages acked without a decision, as they prove no sender. */
@Injectable()
export class IngressMetrics implements OnModuleInit {
  private dropped: Counter<'reason'> | undefined;

  constructor(private readonly metrics: MetricsService) {}

  onModuleInit(): void {
    this.dropped = new Counter({
      name: 'bl_ingress_dropped_total',
      help: 'Ingress messages dropped unanswered before any rate bucket was charged, by reason.',
      labelNames: ['reason'],
      registers: [this.metrics.registry],
    });
  }

  /** Counts one dropped message. */
  recordDropped(reason: string): void {
    this.dropped?.inc({ reason });
  }
}
