import { jest } from '@jest/globals';
import { waitFor } from './wait-for.js';

describe('waitFor', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('backs off between probes no further than maxIntervalMs', async () => {
    const probedAt: number[] = [];
    const waiting = waitFor(() => (probedAt.push(Date.now()) >= 8 ? 'ready' : undefined), {
      maxIntervalMs: 50,
    });

    await jest.advanceTimersByTimeAsync(1_000);

    await expect(waiting).resolves.toBe('ready');
    const pauses = probedAt.slice(1).map((at, index) => at - probedAt[index]!);
    expect(pauses).toEqual([10, 20, 40, 50, 50, 50, 50]);
  });
});
