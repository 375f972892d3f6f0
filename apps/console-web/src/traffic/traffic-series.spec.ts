import { shapeTraffic } from './traffic-series.js';

const at = (minute: number) => `2026-12-04T10:${String(minute).padStart(2, '0')}:00Z`;

describe('shapeTraffic', () => {
  it('orders buckets oldest first and gives every point every reason', () => {
    const series = shapeTraffic({
      bucketS: 60,
      series: [
        { at: at(1), accepted: 5, rejected: { STALE: 1 }, delivered: 9, deadLettered: 0 },
        { at: at(0), accepted: 3, rejected: { INVALID: 2, STALE: 1 }, delivered: 6, deadLettered: 1 },
      ],
    });
    expect(series.points.map((point) => point.accepted)).toEqual([3, 5]);
    expect(series.points[1]?.byReason).toEqual({ STALE: 1, INVALID: 0 });
    expect(series.points[0]?.rejected).toBe(3);
  });

  it('lists reasons most frequent first, then by name', () => {
    const series = shapeTraffic({
      bucketS: 60,
      series: [{ at: at(0), accepted: 0, rejected: { B: 1, A: 1, C: 4 }, delivered: 0, deadLettered: 0 }],
    });
    expect(series.reasons).toEqual(['C', 'A', 'B']);
  });

  it('fills the buckets the server left out with zeros', () => {
    const series = shapeTraffic({
      bucketS: 60,
      series: [
        { at: at(0), accepted: 1, rejected: {}, delivered: 1, deadLettered: 0 },
        { at: at(3), accepted: 2, rejected: {}, delivered: 2, deadLettered: 0 },
      ],
    });
    expect(series.points.map((point) => point.accepted)).toEqual([1, 0, 0, 2]);
    expect(series.points[1]?.at).toBe(Date.parse(at(1)));
  });

  it('totals the window and drops buckets with unreadable times', () => {
    const series = shapeTraffic({
      bucketS: 60,
      series: [
        { at: at(0), accepted: 1, rejected: { STALE: 2 }, delivered: 4, deadLettered: 1 },
        { at: 'soon', accepted: 100, rejected: {}, delivered: 100, deadLettered: 100 },
        { at: at(1), accepted: 2, rejected: { STALE: 1 }, delivered: 3, deadLettered: 0 },
      ],
    });
    expect(series.totals).toEqual({
      accepted: 3,
      delivered: 7,
      deadLettered: 1,
      rejected: 3,
      byReason: { STALE: 3 },
    });
  });
});
