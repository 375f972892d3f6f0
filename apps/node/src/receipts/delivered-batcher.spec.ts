import { afterEach, beforeEach, jest } from '@jest/globals';
import { DeliveredBatcher } from './delivered-batcher.js';

/** A batch publish that the test completes or fails by hand, recorded in order. */
interface Sent {
  origin: string;
  messages: readonly string[];
  done(): void;
  fail(error: Error): void;
}

const LINGER_MS = 50;

function setUp(maxPerBatch = 500) {
  const sent: Sent[] = [];
  const batcher = new DeliveredBatcher(
    (origin, messages) =>
      new Promise<void>((resolve, reject) => sent.push({ origin, messages, done: resolve, fail: reject })),
    { maxPerBatch, lingerMs: LINGER_MS },
  );
  return { batcher, sent };
}

const messagesOf = (sent: readonly Sent[]) => sent.map(({ messages }) => messages);

describe('DeliveredBatcher', () => {
  beforeEach(() => {
    jest.useFakeTimers();
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  it('holds the first receipt to an origin for the linger time and sends what joined it as one batch, one batch per origin', async () => {
    const { batcher, sent } = setUp();
    const settled = [batcher.add('kz-border', 'm1'), batcher.add('tj-border', 'm2')];
    await jest.advanceTimersByTimeAsync(LINGER_MS - 10);
    settled.push(batcher.add('kz-border', 'm3'));
    await jest.advanceTimersByTimeAsync(9);
    expect(sent).toHaveLength(0);
    await jest.advanceTimersByTimeAsync(1);
    expect(sent.map(({ origin, messages }) => [origin, messages])).toEqual([
      ['kz-border', ['m1', 'm3']],
      ['tj-border', ['m2']],
    ]);
    sent.forEach((batch) => batch.done());
    await expect(Promise.all(settled)).resolves.toBeDefined();
  });

  it('settles a receipt only once its batch is stored', async () => {
    const { batcher, sent } = setUp();
    let stored = false;
    const receipt = batcher.add('kz-border', 'm1').then(() => (stored = true));
    await jest.advanceTimersByTimeAsync(LINGER_MS);
    expect(stored).toBe(false);
    sent[0]!.done();
    await receipt;
    expect(stored).toBe(true);
  });

  it('holds what arrives while a batch to the same origin awaits its ack, and sends it once the oldest has waited its time', async () => {
    const { batcher, sent } = setUp();
    const first = batcher.add('kz-border', 'm1');
    await jest.advanceTimersByTimeAsync(LINGER_MS);
    const later = [batcher.add('kz-border', 'm2')];
    await jest.advanceTimersByTimeAsync(LINGER_MS + 20);
    later.push(batcher.add('kz-border', 'm3'));
    expect(sent).toHaveLength(1);
    sent[0]!.done();
    await first;
    // m2 has waited longer than the linger time already: it leaves with m3 straight after the ack.
    await jest.advanceTimersByTimeAsync(0);
    expect(messagesOf(sent)).toEqual([['m1'], ['m2', 'm3']]);
    sent[1]!.done();
    await Promise.all(later);
  });

  it('names a message taken in twice once, and settles both of its receipts with that batch', async () => {
    const { batcher, sent } = setUp();
    const twice = [batcher.add('kz-border', 'm1'), batcher.add('kz-border', 'm1')];
    await jest.advanceTimersByTimeAsync(LINGER_MS);
    expect(sent[0]!.messages).toEqual(['m1']);
    sent[0]!.done();
    await Promise.all(twice);
  });

  it('sends a full batch at once, and the rest once that one is stored', async () => {
    const { batcher, sent } = setUp(2);
    const settled = ['m1', 'm2', 'm3', 'm4', 'm5'].map((message) => batcher.add('kz-border', message));
    expect(messagesOf(sent)).toEqual([['m1', 'm2']]);
    sent[0]!.done();
    await jest.advanceTimersByTimeAsync(0);
    // Three waited through the first batch's ack: one full batch and the remainder, at once.
    expect(messagesOf(sent)).toEqual([['m1', 'm2'], ['m3', 'm4'], ['m5']]);
    sent.forEach((batch) => batch.done());
    await Promise.all(settled);
  });

  it('fails only the receipts of a batch whose publish failed, and carries on with the next', async () => {
    const { batcher, sent } = setUp(1);
    const lost = batcher.add('kz-border', 'm1');
    const kept = batcher.add('kz-border', 'm2');
    sent[0]!.fail(new Error('no ack'));
    await expect(lost).rejects.toThrow('no ack');
    await jest.advanceTimersByTimeAsync(0);
    sent[1]!.done();
    await expect(kept).resolves.toBeUndefined();
    const again = batcher.add('kz-border', 'm1');
    await jest.advanceTimersByTimeAsync(0);
    expect(sent[2]!.messages).toEqual(['m1']);
    sent[2]!.done();
    await again;
  });
});
