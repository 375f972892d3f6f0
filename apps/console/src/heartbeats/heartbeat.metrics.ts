import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { MetricsService } from '#runtime';
import { Counter, Gauge } from 'prom-client';
import { HEARTBEAT_RECEIVED } from './heartbeat-events.js';
import { HeartbeatsService } from './heartbeats.service.js';

/**
 * The network's health as Prometheus sees it, from the heartbeats the console holds: every process's
 * heartbeat age and every node's outbox, read at each scrape; every delivery consumer's backlog (from
 * the freshest report, the hub's for a stopped node), set as each beat arrives. Alert rules are
 * written against these names.
 */
@Injectable()
export class HeartbeatMetrics {
  private readonly refusedTotal: Counter<'reason'>;

  constructor(
    private readonly metrics: MetricsService,
    private readonly heartbeats: HeartbeatsService,
  ) {
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

  /** The bl_consumer_* gauges (the apps' own, from #runtime) from the freshest reports, as each beat arrives. */
  @OnEvent(HEARTBEAT_RECEIVED)
  onHeartbeat(): void {
    this.metrics.recordConsumerLag(this.heartbeats.freshestLags());
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
