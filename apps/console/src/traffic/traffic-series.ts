import type { TrafficCounts } from '../heartbeats/instance-beat.js';

/** One bucket of the network's traffic. */
export interface TrafficBucket {
  /** The bucket's start. */
  at: string;
  accepted: number;
  rejected: Record<string, number>;
  delivered: number;
  deadLettered: number;
}

const ZERO: TrafficCounts = { accepted: 0, rejected: {}, delivered: 0, deadLettered: 0 };

/**
 * What happened between two readings of one process's cumulative counters. A counter lower than
 * before started again from zero (the process restarted under the same identity), so all it holds
 * is new; without an earlier reading, `current` counts whole when `countWhole`, else nothing.
 */
export function counterDelta(
  previous: TrafficCounts | undefined,
  current: TrafficCounts,
  countWhole = false,
): TrafficCounts {
  if (previous === undefined) return countWhole ? current : ZERO;
  const delta = (before: number, now: number): number => (now >= before ? now - before : now);
  const rejected: Record<string, number> = {};
  for (const [reason, count] of Object.entries(current.rejected)) {
    const added = delta(previous.rejected[reason] ?? 0, count);
    if (added > 0) rejected[reason] = added;
  }
  return {
    accepted: delta(previous.accepted, current.accepted),
    rejected,
    delivered: delta(previous.delivered, current.delivered),
    deadLettered: delta(previous.deadLettered, current.deadLettered),
  };
}

/**
 * Traffic in fixed buckets over a bounded window, in memory: older buckets are dropped as new ones
 * open, so memory stays at `windowMs / bucketMs` buckets whatever the uptime.
 */
export class TrafficSeries {
  private readonly buckets = new Map<number, TrafficCounts>();

  constructor(
    readonly bucketMs: number,
    readonly windowMs: number,
  ) {}

  /** Adds `delta` to the bucket holding `at`. */
  add(at: Date, delta: TrafficCounts): void {
    const start = this.bucketOf(at.getTime());
    const bucket = this.buckets.get(start) ?? { accepted: 0, rejected: {}, delivered: 0, deadLettered: 0 };
    bucket.accepted += delta.accepted;
    bucket.delivered += delta.delivered;
    bucket.deadLettered += delta.deadLettered;
    for (const [reason, count] of Object.entries(delta.rejected)) {
      bucket.rejected[reason] = (bucket.rejected[reason] ?? 0) + count;
    }
    this.buckets.set(start, bucket);
    for (const kept of this.buckets.keys()) if (kept <= start - this.windowMs) this.buckets.delete(kept);
  }

  /** The buckets of the `minutes` up to `now`, oldest first, empty ones included (zero). */
  last(minutes: number, now: Date): TrafficBucket[] {
    const end = this.bucketOf(now.getTime());
    const span = Math.min(minutes * 60_000, this.windowMs);
    const first = end - Math.max(0, Math.ceil(span / this.bucketMs) - 1) * this.bucketMs;
    const series: TrafficBucket[] = [];
    for (let start = first; start <= end; start += this.bucketMs) {
      const bucket = this.buckets.get(start) ?? ZERO;
      series.push({ at: new Date(start).toISOString(), ...bucket, rejected: { ...bucket.rejected } });
    }
    return series;
  }

  private bucketOf(ms: number): number {
    return Math.floor(ms / this.bucketMs) * this.bucketMs;
  }
}
