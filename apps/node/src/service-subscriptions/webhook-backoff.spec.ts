import { backoffDelay } from './webhook-backoff.js';

const schedule = { baseMs: 1_000, maxMs: 60_000 };

describe('backoffDelay', () => {
  it('doubles each step, jittered between half of it and all of it', () => {
    for (const [failures, step] of [
      [1, 1_000],
      [2, 2_000],
      [3, 4_000],
      [4, 8_000],
    ] as const) {
      expect(backoffDelay(failures, schedule, () => 0)).toBe(step / 2);
      expect(backoffDelay(failures, schedule, () => 0.999_999)).toBe(step);
      expect(backoffDelay(failures, schedule, () => 0.5)).toBe((step * 3) / 4);
    }
  });

  it('stays within its bounds for any jitter, and never above the maximum', () => {
    for (let failures = 1; failures <= 30; failures++) {
      const step = Math.min(schedule.maxMs, schedule.baseMs * 2 ** (failures - 1));
      for (const random of [0, 0.1, 0.37, 0.5, 0.73, 0.99]) {
        const delay = backoffDelay(failures, schedule, () => random);
        expect(delay).toBeGreaterThanOrEqual(step / 2);
        expect(delay).toBeLessThanOrEqual(step);
        expect(delay).toBeLessThanOrEqual(schedule.maxMs);
      }
    }
  });
});
