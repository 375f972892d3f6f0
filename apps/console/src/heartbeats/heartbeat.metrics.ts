import { Injectable } from '@nestjs/common';
import { MetricsService } from '#runtime';
import { Counter, Gauge } from 'prom-client';
import { HeartbeatsService } from './heartbeats.service.js';

/**
 * The network's health as Prometheus sees it, from the heartbeats the console holds, read at each
 * scrape: every process's heartbeat age, every delivery consumer's backlog (from the freshest report,
 * the hub's for a stopped node), every node's outbox. Alert rules are written against these names.
 */
@Injectable()
export class HeartbeatMetrics {
  private readonly refusedTotal: Counter<'reason'>;

  constructor(metrics: MetricsService, heartbeats: HeartbeatsService) {
    const registers = [metrics.registry];
    new Gauge({
      name: 'bl_heartbeat_age_seconds',
      help: 'Seconds since the newest heartbeat of each process (node or hub instance).',
      labelNames: ['node', 'instance', 'kind'],
      registers,
      collect() {
        this.reset();
        for (const beat of heartbeats.all()) {
          const labels = { node: beat.sender, instance: beat.instance, kind: beat.kind };
          this.set(labels, heartbeats.ageMs(beat) / 1000);
        }
      },
    });
    const lagGauge = (name: string, help: string, figure: 'pending' | 'ackPending' | 'redelivered') =>
      new Gauge({
        name,
        help,
        labelNames: ['node', 'consumer'],
        registers,
        collect() {
          this.reset();
          for (const lag of heartbeats.freshestLags()) {
            this.set({ node: lag.node, consumer: lag.consumer }, lag[figure]);
          }
        },
      });
    lagGauge('bl_consumer_pending', "Messages not yet delivered to a node's delivery consumer.", 'pending');
    lagGauge('bl_consumer_ack_pending', 'Messages delivered and awaiting an ack.', 'ackPending');
    lagGauge(
      'bl_consumer_redelivered',
      'Messages delivered more than once and not yet acked.',
      'redelivered',
    );
    const outboxGauge = (
      name: string,
      help: string,
      figure: (depth: number, oldestAgeMs: number) => number,
    ) =>
      new Gauge({
        name,
        help,
        labelNames: ['node'],
        registers,
        collect() {
          this.reset();
          for (const beat of freshestPerSender(heartbeats)) {
            if (beat.outbox)
              this.set({ node: beat.sender }, figure(beat.outbox.depth, beat.outbox.oldestAgeMs));
          }
        },
      });
    outboxGauge(
      'bl_outbox_depth',
      "Messages in a node's outbox not yet acknowledged by JetStream.",
      (depth) => depth,
    );
    outboxGauge(
      'bl_outbox_oldest_age_seconds',
      "Age of the oldest message in a node's outbox.",
      (_, oldestAgeMs) => oldestAgeMs / 1000,
    );
    this.refusedTotal = new Counter({
      name: 'bl_heartbeats_refused_total',
      help: 'Heartbeats dropped unbelieved (unsigned, unknown sender, stale, malformed), by reason.',
      labelNames: ['reason'],
      registers,
    });
  }

  refused(reason: string): void {
    this.refusedTotal.inc({ reason });
  }
}

/** The most recently heard process of each sender. */
function freshestPerSender(heartbeats: HeartbeatsService) {
  const newest = new Map<string, ReturnType<HeartbeatsService['all']>[number]>();
  for (const beat of heartbeats.all()) {
    const known = newest.get(beat.sender);
    if (known === undefined || known.receivedAt < beat.receivedAt) newest.set(beat.sender, beat);
  }
  return newest.values();
}
