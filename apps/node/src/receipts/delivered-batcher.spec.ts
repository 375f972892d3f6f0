import { DeliveredBatcher } from './delivered-batcher.js';

/** A batch publish that the test completes or fails by hand, recorded in order. */
interface Sent {
  origin: string;
  messages: readonly string[];
  done(): void;
  fail(error: Error): void;
}

function setUp(maxPerBatch = 500) {
  const sent: Sent[] = [];
  const batcher = new DeliveredBatcher(
    (origin, messages) =>
      new Promise<void>((resolve, reject) => sent.push({ origin, messages, done: resolve, fail: reject })),
    maxPerBatch,
  );
  return { batcher, sent };
}

// One turn of the event loop: a batch leaves in the turn after its receipts were added.
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('DeliveredBatcher', () => {
  it('sends the receipts added in one turn to one origin as one batch, one batch per origin', async () => {
    const { batcher, sent } = setUp();
    const settled = [
      batcher.add('kz-border', 'm1'),
      batcher.add('tj-border', 'm2'),
      batcher.add('kz-border', 'm3'),
    ];
    await nextTurn();
    expect(sent.map(({ origin, messages }) => [origin, messages])).toEqual([
      ['kz-border', ['m1', 'm3']],
      ['tj-border', ['m2']],
    ]);
    sent.forEach((batch) => batch.done());
    await expect(Promise.all(settled)).resolves.toBeDefined();
  });

  it('holds what arrives while a batch to the same origin awaits its ack, and sends it all next', async () => {
    const { batcher, sent } = setUp();
    const first = batcher.add('kz-border', 'm1');
    await nextTurn();
    const later = [batcher.add('kz-border', 'm2'), batcher.add('kz-border', 'm3')];
    await nextTurn();
    expect(sent).toHaveLength(1);
    sent[0]!.done();
    await first;
    await nextTurn();
    expect(sent.map(({ messages }) => messages)).toEqual([['m1'], ['m2', 'm3']]);
    sent[1]!.done();
    await Promise.all(later);
  });

  it('names a message taken in twice once, and settles both of its receipts with that batch', async () => {
    const { batcher, sent } = setUp();
    const twice = [batcher.add('kz-border', 'm1'), batcher.add('kz-border', 'm1')];
    await nextTurn();
    expect(sent[0]!.messages).toEqual(['m1']);
    sent[0]!.done();
    await Promise.all(twice);
  });

  it('cuts a batch at the limit, and sends the parts at once', async () => {
    const { batcher, sent } = setUp(2);
    const settled = ['m1', 'm2', 'm3', 'm4', 'm5'].map((message) => batcher.add('kz-border', message));
    await nextTurn();
    expect(sent.map(({ messages }) => messages)).toEqual([['m1', 'm2'], ['m3', 'm4'], ['m5']]);
    sent.forEach((batch) => batch.done());
    await Promise.all(settled);
  });

  it('fails only the receipts of a batch whose publish failed, and carries on with the next', async () => {
    const { batcher, sent } = setUp(1);
    const [lost, kept] = [batcher.add('kz-border', 'm1'), batcher.add('kz-border', 'm2')];
    await nextTurn();
    sent[0]!.fail(new Error('no ack'));
    sent[1]!.done();
    await expect(lost).rejects.toThrow('no ack');
    await expect(kept).resolves.toBeUndefined();
    const again = batcher.add('kz-border', 'm1');
    await nextTurn();
    expect(sent[2]!.messages).toEqual(['m1']);
    sent[2]!.done();
    await again;
  });
});
