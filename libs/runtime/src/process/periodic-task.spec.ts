import { jest } from '@jest/globals';
import { PeriodicTask } from './periodic-task.js';

// Lets the promise callbacks queued by a run settle, without any real time passing.
const settled = () => jest.advanceTimersByTimeAsync(0);

describe('PeriodicTask', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('runs at once, then every interval, until stopped', async () => {
    let runs = 0;
    const task = new PeriodicTask(
      1_000,
      () => Promise.resolve(void runs++),
      () => {},
    );
    task.start();
    await settled();
    expect(runs).toBe(1);
    await jest.advanceTimersByTimeAsync(3_000);
    expect(runs).toBe(4);
    await task.stop();
    await jest.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(4);
  });

  it('hands a failure to onError and runs again at the next tick', async () => {
    const errors: unknown[] = [];
    let runs = 0;
    const task = new PeriodicTask(
      1_000,
      () => (++runs === 1 ? Promise.reject(new Error('link down')) : Promise.resolve()),
      (error) => errors.push(error),
    );
    task.start();
    await jest.advanceTimersByTimeAsync(1_000);
    expect(errors).toEqual([new Error('link down')]);
    expect(runs).toBe(2);
    await task.stop();
  });

  it('skips a tick while the previous run is still going, and stop waits for that run', async () => {
    let finish: () => void = () => {};
    let runs = 0;
    const task = new PeriodicTask(
      1_000,
      () => {
        runs++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
      () => {},
    );
    task.start();
    await jest.advanceTimersByTimeAsync(2_500);
    expect(runs).toBe(1);
    let stopped = false;
    const stopping = task.stop().then(() => (stopped = true));
    await settled();
    expect(stopped).toBe(false);
    finish();
    await stopping;
    expect(stopped).toBe(true);
  });
});
