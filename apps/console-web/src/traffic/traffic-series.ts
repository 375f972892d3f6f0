import type { Traffic } from '../api/traffic.js';

/** One bucket as the charts plot it. */
export interface TrafficPoint {
  /** The bucket's start, in epoch milliseconds (a number axis keeps buckets evenly spaced). */
  at: number;
  accepted: number;
  delivered: number;
  deadLettered: number;
  /** All refusals of the bucket. */
  rejected: number;
  /** Refusals by reason; every reason of the series is present, zero when none. */
  byReason: Record<string, number>;
}

export interface TrafficTotals {
  accepted: number;
  delivered: number;
  deadLettered: number;
  rejected: number;
  byReason: Record<string, number>;
}

export interface TrafficSeries {
  bucketMs: number;
  points: TrafficPoint[];
  /** Every rejection reason seen, the most frequent first (then by name), so colours stay put. */
  reasons: string[];
  totals: TrafficTotals;
}

// A server that leaves empty buckets out would otherwise have the chart draw a line across the gap;
// this many missing buckets at most are filled in (a day of minutes).
const MAX_FILLED_BUCKETS = 1440;

const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/**
 * The server's buckets as chart points: oldest first, unreadable times dropped, missing buckets
 * between the first and last filled with zeros, and each reason's count in every point.
 */
export function shapeTraffic(traffic: Traffic): TrafficSeries {
  const bucketMs = Math.max(1, count(traffic.bucketS)) * 1000;
  const byTime = new Map<number, TrafficPoint>();
  const reasonTotals = new Map<string, number>();
  for (const bucket of traffic.series) {
    const at = Date.parse(bucket.at);
    if (Number.isNaN(at)) continue;
    const point = byTime.get(at) ?? emptyPoint(at);
    point.accepted += count(bucket.accepted);
    point.delivered += count(bucket.delivered);
    point.deadLettered += count(bucket.deadLettered);
    for (const [reason, n] of Object.entries(bucket.rejected ?? {})) {
      point.byReason[reason] = (point.byReason[reason] ?? 0) + count(n);
      point.rejected += count(n);
      reasonTotals.set(reason, (reasonTotals.get(reason) ?? 0) + count(n));
    }
    byTime.set(at, point);
  }
  const reasons = [...reasonTotals]
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b))
    .map(([reason]) => reason);

  const known = [...byTime.values()].sort((a, b) => a.at - b.at);
  const points: TrafficPoint[] = [];
  for (const point of known) {
    const previous = points.at(-1);
    if (previous !== undefined) {
      const gap = Math.round((point.at - previous.at) / bucketMs) - 1;
      for (let step = 1; step <= Math.min(gap, MAX_FILLED_BUCKETS); step += 1) {
        points.push(emptyPoint(previous.at + step * bucketMs));
      }
    }
    points.push(point);
  }

  const totals: TrafficTotals = { accepted: 0, delivered: 0, deadLettered: 0, rejected: 0, byReason: {} };
  for (const point of points) {
    for (const reason of reasons) point.byReason[reason] ??= 0;
    totals.accepted += point.accepted;
    totals.delivered += point.delivered;
    totals.deadLettered += point.deadLettered;
    totals.rejected += point.rejected;
  }
  for (const reason of reasons) totals.byReason[reason] = reasonTotals.get(reason) ?? 0;
  return { bucketMs, points, reasons, totals };
}

function emptyPoint(at: number): TrafficPoint {
  return { at, accepted: 0, delivered: 0, deadLettered: 0, rejected: 0, byReason: {} };
}
