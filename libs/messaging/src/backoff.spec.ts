import { backoffDelay, exponentialDelay } from './backoff.js';

describe('backoffDelay', () => {
  it('waits one second after the first delivery fails', () => {
    expect(backoffDelay(1)).toBe(1_000);
  });

  it('doubles with every further delivery', () => {
    expect([2, 3, 4, 5].map(backoffDelay)).toEqual([2_000, 4_000, 8_000, 16_000]);
  });

  it('never waits more than a minute, however many deliveries failed', () => {
    expect(backoffDelay(7)).toBe(60_000);
    expect(backoffDelay(1_000)).toBe(60_000);
  });

  it('treats a count below one as the first delivery', () => {
    expect(backoffDelay(0)).toBe(1_000);
    expect(backoffDelay(-3)).toBe(1_000);
  });
});

describe('exponentialDelay', () => {
  it('starts at the first delay and is capped by the maximum', () => {
    expect([1, 2, 3, 4].map((step) => exponentialDelay(step, 250, 1_000))).toEqual([250, 500, 1_000, 1_000]);
  });
});
