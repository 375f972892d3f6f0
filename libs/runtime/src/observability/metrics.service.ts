import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';

// From 0.1 ms (a Redis round trip on loopback) to 5 s (a publish riding out a leader election).
const HANDLER_BUCKETS_SECONDS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

/**
 * The app's Prometheus metrics: process defaults plus the bl_* message counters. Each instance owns
 * its registry (not prom-client's global one), so two apps in one process keep separate counts.
 */
@Injectable()
export class MetricsService {
  readonly registry = new Registry();

  /** bl_published_total: messages this process published and JetStream acknowledged. */
  readonly published: Counter<'kind'>;
  /** bl_delivered_total: the hub's copies routed to recipients; a node's messages taken into its inbox. */
  readonly delivered: Counter<'kind'>;
  /** bl_rejected_total: messages refused, by typed rejection reason. */
  readonly rejected: Counter<'reason'>;
  /** bl_handler_duration_seconds: time a message handler took, success or failure. */
  readonly handlerSeconds: Histogram<'handler'>;
  /** bl_state_rebuilding: 1 while the app rebuilds its lost Redis state from JetStream, else 0. */
  readonly rebuilding: Gauge;

  constructor(@Inject(OBSERVABILITY_OPTIONS) options: ObservabilityOptions) {
    const registers = [this.registry];
    this.registry.setDefaultLabels({ service: options.service });
    collectDefaultMetrics({ register: this.registry });
    this.published = new Counter({
      name: 'bl_published_total',
      help: 'Messages published and acknowledged by JetStream, by kind.',
      labelNames: ['kind'],
      registers,
    });
    this.delivered = new Counter({
      name: 'bl_delivered_total',
      help: 'Messages delivered (hub: copies routed to recipients; node: messages taken into the inbox), by kind.',
      labelNames: ['kind'],
      registers,
    });
    this.rejected = new Counter({
      name: 'bl_rejected_total',
      help: 'Messages refused, by rejection reason.',
      labelNames: ['reason'],
      registers,
    });
    this.handlerSeconds = new Histogram({
      name: 'bl_handler_duration_seconds',
      help: 'Time spent in message handlers, by handler.',
      labelNames: ['handler'],
      buckets: HANDLER_BUCKETS_SECONDS,
      registers,
    });
    this.rebuilding = new Gauge({
      name: 'bl_state_rebuilding',
      help: '1 while Redis state is being rebuilt from JetStream (after a wipe or on a new Redis), else 0.',
      registers,
    });
  }
}
