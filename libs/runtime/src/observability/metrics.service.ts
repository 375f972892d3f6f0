import { Inject, Injectable } from '@nestjs/common';
import type { ConsumerLagFigures } from '#contracts';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { OBSERVABILITY_OPTIONS, type ObservabilityOptions } from './observability.options.js';

// From 0.1 ms (a Redis round trip on loopback) to 5 s (a publish riding out a leader election).
const HANDLER_BUCKETS_SECONDS = [
  0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5,
];

type LagGauge = Gauge<'consumer' | 'node'>;

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
  /** bl_accepted_total: messages the hub accepted, audited and routed, by kind. */
  readonly accepted: Counter<'kind'>;
  /** bl_dead_lettered_total: messages this process's own consumers gave up on and filed as dead letters. */
  readonly deadLettered: Counter<'stream' | 'consumer'>;
  private readonly lastDelivery: Gauge;
  private lastDeliveryAt: Date | undefined;
  private readonly lag: { pending: LagGauge; ackPending: LagGauge; redelivered: LagGauge };

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
    this.accepted = new Counter({
      name: 'bl_accepted_total',
      help: 'Messages the hub accepted, audited and routed, by kind.',
      labelNames: ['kind'],
      registers,
    });
    this.deadLettered = new Counter({
      name: 'bl_dead_lettered_total',
      help: "Messages this process's consumers gave up on and filed as dead letters, by stream and consumer.",
      labelNames: ['stream', 'consumer'],
      registers,
    });
    this.lastDelivery = new Gauge({
      name: 'bl_last_delivery_timestamp_seconds',
      help: 'When bl_delivered_total last grew (hub: copies routed; node: a message taken in), Unix seconds.',
      registers,
    });
    const lagGauge = (name: string, help: string): LagGauge =>
      new Gauge({ name, help, labelNames: ['consumer', 'node'], registers });
    this.lag = {
      pending: lagGauge(
        'bl_consumer_pending',
        'Messages a delivery consumer has not delivered yet (num_pending).',
      ),
      ackPending: lagGauge(
        'bl_consumer_ack_pending',
        'Messages a delivery consumer delivered that await an ack (num_ack_pending).',
      ),
      redelivered: lagGauge(
        'bl_consumer_redelivered',
        'Messages a delivery consumer delivered more than once, not yet acked (num_redelivered).',
      ),
    };
  }

  /** Counts `count` messages of `kind` delivered (bl_delivered_total) at `at`, the latest delivery. */
  recordDelivered(kind: string, count: number, at: Date): void {
    this.delivered.inc({ kind }, count);
    this.lastDeliveryAt = at;
    this.lastDelivery.set(at.getTime() / 1000);
  }

  /** When recordDelivered was last called; undefined before. */
  lastDeliveredAt(): Date | undefined {
    return this.lastDeliveryAt;
  }

  /**
   * Sets the bl_consumer_* gauges to the consumers' latest figures; a consumer left out is dropped,
   * so a deleted one does not linger at its last value.
   */
  recordConsumerLag(lags: readonly ConsumerLagFigures[]): void {
    for (const gauge of Object.values(this.lag)) gauge.reset();
    for (const lag of lags) {
      const labels = { consumer: lag.consumer, node: lag.node };
      this.lag.pending.set(labels, lag.pending);
      this.lag.ackPending.set(labels, lag.ackPending);
      this.lag.redelivered.set(labels, lag.redelivered);
    }
  }
}

/** A counter's total over all its labels, as it stands now. */
export async function counterTotal(counter: Counter<string>): Promise<number> {
  return (await counter.get()).values.reduce((sum, { value }) => sum + value, 0);
}

/** A counter's totals by the value of one of its labels (absent label: `''`). */
export async function counterBy(counter: Counter<string>, label: string): Promise<Record<string, number>> {
  const totals: Record<string, number> = {};
  for (const { labels, value } of (await counter.get()).values) {
    const key = String(labels[label] ?? '');
    totals[key] = (totals[key] ?? 0) + value;
  }
  return totals;
}
