import { JetStreamApiError } from '@nats-io/jetstream';
import { RequestError, TimeoutError, NoRespondersError, errors } from '@nats-io/transport-node';
import { isTransientNatsError, withRetry } from './retry.js';

const FAST = { attempts: 3, firstDelayMs: 1, maxDelayMs: 2 };

class GaveUp extends Error {
  override readonly name = 'GaveUp';
  constructor(
    readonly attempts: number,
    options: { cause: unknown },
  ) {
    super(`gave up after ${attempts}`, options);
  }
}
const giveUp = (error: unknown, attempts: number): Error => new GaveUp(attempts, { cause: error });

describe('isTransientNatsError', () => {
  it('retries timeouts and no-responders, also when wrapped', () => {
    expect(isTransientNatsError(new TimeoutError())).toBe(true);
    expect(isTransientNatsError(new NoRespondersError('bl.in.x'))).toBe(true);
    const noResponders = new RequestError('no responders', { cause: new NoRespondersError('bl.in.x') });
    expect(isTransientNatsError(new Error('jetstream is not enabled', { cause: noResponders }))).toBe(true);
  });

  it('retries a JetStream 503', () => {
    const unavailable = new JetStreamApiError({ code: 503, err_code: 10008, description: 'unavailable' });
    expect(isTransientNatsError(unavailable)).toBe(true);
  });

  it('does not retry what a retry cannot fix', () => {
    expect(
      isTransientNatsError(new JetStreamApiError({ code: 400, err_code: 10052, description: 'bad' })),
    ).toBe(false);
    expect(isTransientNatsError(new errors.ClosedConnectionError())).toBe(false);
    expect(isTransientNatsError('timeout')).toBe(false);
  });
});

describe('withRetry', () => {
  it('returns the first success', async () => {
    let calls = 0;
    const result = await withRetry(
      () => (++calls < 3 ? Promise.reject(new TimeoutError()) : Promise.resolve('stored')),
      FAST,
      giveUp,
    );
    expect(result).toBe('stored');
    expect(calls).toBe(3);
  });

  it('gives up after the last attempt with the last error as cause', async () => {
    const failure = withRetry(() => Promise.reject(new TimeoutError()), FAST, giveUp);
    await expect(failure).rejects.toBeInstanceOf(GaveUp);
    await expect(failure).rejects.toMatchObject({ attempts: 3, cause: expect.any(TimeoutError) });
  });

  it('does not retry an error that is not transient', async () => {
    let calls = 0;
    const failure = withRetry(() => Promise.reject(new Error(`refused ${++calls}`)), FAST, giveUp);
    await expect(failure).rejects.toMatchObject({ attempts: 1 });
    expect(calls).toBe(1);
  });
});
