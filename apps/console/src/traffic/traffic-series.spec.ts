import { TrafficSeries, counterDelta } from './traffic-series.js';

const counts = (
  accepted: number,
  delivered = 0,
  rejected: Record<string, number> = {},
  deadLettered = 0,
) => ({
  accepted,
  rejected,
  delivered,
  deadLettered,
});

describe('counterDelta', () => {
  it('counts what a process counted since its previous heartbeat', () => {
    expect(counterDelta(counts(10, 20, { STALE: 1 }), counts(15, 26, { STALE: 3, INVALID: 1 }, 2))).toEqual(
      counts(5, 6, { STALE: 2, INVALID: 1 }, 2),
    );
  });

  it('takes a counter lower than before as started again from zero', () => {
    expect(counterDelta(counts(500, 900, { STALE: 4 }), counts(3, 7, { STALE: 1 }))).toEqual(
      counts(3, 7, { STALE: 1 }),
    );
  });

  it("counts a process's first heartbeat whole only when told to", () => {
    expect(counterDelta(undefined, counts(40, 80))).toEqual(counts(0));
    expect(counterDelta(undefined, counts(40, 80), true)).toEqual(counts(40, 80));
  });
});

describe('TrafficSeries', () => {
  const t = (iso: string) => new Date(`2026-12-04T${iso}Z`);

  it('adds deltas into minute buckets and lists every minute of the window, empty ones as zero', () => {
    const series = new TrafficSeries(60_000, 60 * 60_000);
    series.add(t('10:00:10'), counts(2, 4, { STALE: 1 }));
    series.add(t('10:00:50'), counts(1, 1));
    series.add(t('10:02:05'), counts(0, 0, {}, 1));
    expect(series.last(3, t('10:02:30'))).toEqual([
      { at: '2026-12-04T10:00:00.000Z', accepted: 3, rejected: { STALE: 1 }, delivered: 5, deadLettered: 0 },
      { at: '2026-12-04T10:01:00.000Z', accepted: 0, rejected: {}, delivered: 0, deadLettered: 0 },
      { at: '2026-12-04T10:02:00.000Z', accepted: 0, rejected: {}, delivered: 0, deadLettered: 1 },
    ]);
  });

  it('forgets buckets older than its window and never lists beyond it', () => {
    const series = new TrafficSeries(60_000, 5 * 60_000);
    series.add(t('10:00:00'), counts(9));
    series.add(t('10:10:00'), counts(1));
    const listed = series.last(60, t('10:10:00'));
    expect(listed).toHaveLength(5);
    expect(listed.reduce((sum, bucket) => sum + bucket.accepted, 0)).toBe(1);
  });
});
