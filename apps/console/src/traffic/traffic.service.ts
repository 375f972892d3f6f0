import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { Clock } from '../core/clock.js';
import { HEARTBEAT_RECEIVED, type HeartbeatReceived } from '../heartbeats/heartbeat-events.js';
import { TrafficSeries, counterDelta, type TrafficBucket } from './traffic-series.js';

/** Minutes per bucket of the series, and how far back it goes. */
export const TRAFFIC_BUCKET_MS = 60_000;
export const TRAFFIC_WINDOW_MINUTES = 24 * 60;

/** `GET /v1/traffic`'s answer. */
export interface TrafficView {
  bucketS: number;
  series: TrafficBucket[];
}

/**
 * The network's traffic over time, from the hub instances' cumulative counters: the difference
 * between each instance's successive heartbeats goes into the bucket of its arrival. An instance
 * first heard is counted whole if it started after the console, else it is only the baseline.
 */
@Injectable()
export class TrafficService {
  private readonly series = new TrafficSeries(TRAFFIC_BUCKET_MS, TRAFFIC_WINDOW_MINUTES * 60_000);
  private readonly since: Date;

  constructor(private readonly clock: Clock) {
    this.since = clock.now();
  }

  @OnEvent(HEARTBEAT_RECEIVED)
  onHeartbeat({ beat, previous }: HeartbeatReceived): void {
    if (beat.kind !== 'hub') return;
    const delta = counterDelta(previous?.counters, beat.counters, beat.startedAt >= this.since);
    this.series.add(beat.receivedAt, delta);
  }

  traffic(minutes: number): TrafficView {
    return {
      bucketS: TRAFFIC_BUCKET_MS / 1000,
      series: this.series.last(Math.min(minutes, TRAFFIC_WINDOW_MINUTES), this.clock.now()),
    };
  }
}
