/**
 * Offers work at a fixed rate: every tick it starts as many calls of `send(serial)` as the schedule
 * says are due, without waiting for earlier ones, so a slow system sees the load it would see in the field.
 * Resolves once `total` calls have been started; the caller awaits their outcomes.
 */
export function paceAtRate(
  ratePerSecond: number,
  total: number,
  send: (serial: number) => void,
  tickMs = 5,
): Promise<void> {
  const started = performance.now();
  let next = 0;
  return new Promise((resolve) => {
    const tick = (): void => {
      const due = Math.min(total, Math.floor(((performance.now() - started) * ratePerSecond) / 1000) + 1);
      while (next < due) send(next++);
      if (next >= total) {
        clearInterval(timer);
        resolve();
      }
    };
    const timer = setInterval(tick, tickMs);
    tick();
  });
}

/** Runs `work(serial)` for serials 0..total-1 with at most `inFlight` of them pending at once. */
export async function runWindowed(
  total: number,
  inFlight: number,
  work: (serial: number) => Promise<unknown>,
): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < total) await work(next++);
  };
  await Promise.all(Array.from({ length: Math.min(inFlight, total) }, lane));
}
