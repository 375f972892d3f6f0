import { afterEach, beforeEach, jest } from '@jest/globals';
import type { Consumer, JsMsg } from '@nats-io/jetstream';
import { ConsumerWorker, type WorkerLimits } from './consumer-worker.js';

// The worker's scheduling, with a consumer that hands out a fixed list of messages: what runs when,
// under the concurrency bound and per ordering key. (Pulling from a real server is covered by the
// messaging integration tests.)

interface FakeMsg {
  subject: string;
  naks: number;
  nak(): void;
}

function message(subject: string): FakeMsg {
  return {
    subject,
    naks: 0,
    nak() {
      this.naks++;
    },
  };
}

// Hands out `messages` on the first fetch, then holds every later fetch open until closed.
function consumerOf(messages: FakeMsg[]): Consumer {
  let handedOut = false;
  const fetch = async () => {
    const batch = handedOut ? [] : messages;
    handedOut = true;
    let closed = false;
    let wake: (() => void) | undefined;
    return {
      close: async () => {
        closed = true;
        wake?.();
      },
      async *[Symbol.asyncIterator]() {
        yield* batch;
        if (!closed) await new Promise<void>((resolve) => (wake = resolve));
      },
    };
  };
  return { fetch } as unknown as Consumer;
}

// Hands out `first` on the first fetch, and `later` on the same fetch once the test calls `arrive`;
// every fetch then stays open until closed.
function consumerInWaves(first: FakeMsg[], later: FakeMsg[]) {
  let wake: (() => void) | undefined;
  const arrived = new Promise<void>((resolve) => (wake = resolve));
  let handedOut = false;
  const fetch = async () => {
    const waves = handedOut ? [] : [first, later];
    handedOut = true;
    let close: (() => void) | undefined;
    const closed = new Promise<void>((resolve) => (close = resolve));
    return {
      close: async () => close!(),
      async *[Symbol.asyncIterator]() {
        if (waves.length > 0) {
          yield* waves[0]!;
          await Promise.race([arrived, closed]);
          yield* waves[1]!;
        }
        await closed;
      },
    };
  };
  const arrive = async () => {
    wake!();
    await dispatched();
  };
  return { consumer: { fetch } as unknown as Consumer, arrive };
}

/** A processor whose calls finish only when the test says so, recording starts in order. */
function controlledProcessor() {
  const started: string[] = [];
  const finishers = new Map<string, () => void>();
  const releasers = new Map<string, () => void>();
  const process = (msg: JsMsg, releaseOrder: () => void) =>
    new Promise<void>((resolve) => {
      started.push(msg.subject);
      finishers.set(msg.subject, resolve);
      releasers.set(msg.subject, releaseOrder);
    });
  const release = async (subject: string) => {
    releasers.get(subject)!();
    await new Promise((resolve) => setImmediate(resolve));
  };
  const finish = async (subject: string) => {
    const done = finishers.get(subject);
    if (!done) throw new Error(`${subject} is not running`);
    finishers.delete(subject);
    done();
    // Let the worker react to the settled handler.
    await new Promise((resolve) => setImmediate(resolve));
  };
  return { started, process, finish, release, running: () => [...finishers.keys()] };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));
// A batch is cut in the turn after its messages arrive: one more turn, and it has started.
const dispatched = async () => {
  await settle();
  await settle();
};

/** A started worker over messages with these subjects, run by a controlled processor. */
function startedWorker(subjects: string[], limits: WorkerLimits) {
  const messages = subjects.map(message);
  const processor = controlledProcessor();
  const worker = new ConsumerWorker(
    consumerOf(messages),
    limits,
    { each: processor.process },
    () => undefined,
  );
  worker.start();
  return { messages, processor, worker };
}

/** A batch processor whose calls finish only when the test says so, recording each batch. */
function controlledBatchProcessor() {
  const batches: string[][] = [];
  const finishers: Array<() => void> = [];
  const releasers = new Map<string, () => void>();
  const batch = (msgs: JsMsg[], releaseOrder: (msg: JsMsg) => void) =>
    new Promise<void>((resolve) => {
      batches.push(msgs.map((msg) => msg.subject));
      finishers.push(resolve);
      for (const msg of msgs) releasers.set(msg.subject, () => releaseOrder(msg));
    });
  const release = async (...subjects: string[]) => {
    for (const subject of subjects) releasers.get(subject)!();
    await dispatched();
  };
  const finish = async (index: number) => {
    finishers[index]!();
    await dispatched();
  };
  return { batches, batch, release, finish };
}

/** A started worker over `consumer`'s messages, run in batches by a controlled processor. */
function startedBatchWorker(consumer: Consumer, limits: WorkerLimits) {
  const processor = controlledBatchProcessor();
  const worker = new ConsumerWorker(consumer, limits, { batch: processor.batch }, () => undefined);
  worker.start();
  return { processor, worker };
}
const senderOf = (msg: JsMsg) => msg.subject.split('.')[0];

describe('ConsumerWorker', () => {
  it('runs at most `concurrency` messages at once and starts the next as one finishes', async () => {
    const { processor, worker } = startedWorker(['a.1', 'b.1', 'c.1', 'd.1'], {
      batch: 10,
      concurrency: 2,
    });
    await settle();
    expect(processor.running()).toEqual(['a.1', 'b.1']);
    await processor.finish('b.1');
    expect(processor.running()).toEqual(['a.1', 'c.1']);
    await processor.finish('a.1');
    await processor.finish('c.1');
    await processor.finish('d.1');
    expect(processor.started).toEqual(['a.1', 'b.1', 'c.1', 'd.1']);
    await worker.stop(100);
  });

  it('handles messages with the same key one at a time, in delivery order, while other keys go on', async () => {
    const { processor, worker } = startedWorker(['a.1', 'b.1', 'a.2', 'b.2', 'a.3', 'c.1'], {
      batch: 10,
      concurrency: 4,
      sequenceBy: senderOf,
    });
    await settle();
    // a.2 and a.3 wait behind a.1, b.2 behind b.1; c.1 has a key of its own.
    expect(processor.running()).toEqual(['a.1', 'b.1', 'c.1']);
    await processor.finish('b.1');
    expect(processor.running()).toEqual(['a.1', 'c.1', 'b.2']);
    await processor.finish('b.2');
    await processor.finish('c.1');
    expect(processor.running()).toEqual(['a.1']);
    await processor.finish('a.1');
    expect(processor.running()).toEqual(['a.2']);
    await processor.finish('a.2');
    await processor.finish('a.3');
    expect(processor.started.filter((subject) => subject.startsWith('a.'))).toEqual(['a.1', 'a.2', 'a.3']);
    await worker.stop(100);
  });

  it('starts the next message of a key, in a freed slot, once the running one releases its order', async () => {
    const { processor, worker } = startedWorker(['a.1', 'a.2', 'b.1', 'c.1'], {
      batch: 10,
      concurrency: 2,
      sequenceBy: senderOf,
    });
    await settle();
    expect(processor.running()).toEqual(['a.1', 'b.1']);
    await processor.release('a.1');
    // a.1 is still finishing; its slot and its lane went to a.2, and c.1 still waits for a slot.
    expect(processor.running()).toEqual(['a.1', 'b.1', 'a.2']);
    await processor.release('a.1');
    expect(processor.running()).toEqual(['a.1', 'b.1', 'a.2']);
    await processor.finish('a.1');
    expect(processor.running()).toEqual(['b.1', 'a.2']);
    await processor.finish('b.1');
    expect(processor.running()).toEqual(['a.2', 'c.1']);
    await processor.finish('a.2');
    await processor.finish('c.1');
    expect(processor.started).toEqual(['a.1', 'b.1', 'a.2', 'c.1']);
    await worker.stop(100);
  });

  it('waits for released messages when it stops, and gives them back once the grace runs out', async () => {
    const { messages, processor, worker } = startedWorker(['a.1', 'a.2'], {
      batch: 10,
      concurrency: 1,
      sequenceBy: senderOf,
    });
    await settle();
    await processor.release('a.1');
    await processor.finish('a.2');
    await worker.stop(20);
    expect(messages.map((msg) => msg.naks)).toEqual([1, 0]);
  });

  it('gives back (nak) the messages still waiting in a lane when it stops', async () => {
    const { messages, processor, worker } = startedWorker(['a.1', 'a.2', 'a.3'], {
      batch: 10,
      concurrency: 4,
      sequenceBy: senderOf,
    });
    await settle();
    const stopped = worker.stop(50);
    await processor.finish('a.1');
    await stopped;
    expect(messages.map((msg) => msg.naks)).toEqual([0, 1, 1]);
    expect(processor.started).toEqual(['a.1']);
  });
});

describe('ConsumerWorker in batches', () => {
  it("hands every message that can start to one call, a key's messages in delivery order", async () => {
    const messages = ['a.1', 'b.1', 'a.2', 'c.1', 'a.3'].map(message);
    const { processor, worker } = startedBatchWorker(consumerOf(messages), {
      batch: 10,
      concurrency: 2,
      sequenceBy: senderOf,
    });
    await dispatched();
    expect(processor.batches).toEqual([['a.1', 'b.1', 'a.2', 'c.1', 'a.3']]);
    await processor.finish(0);
    await worker.stop(100);
  });

  it("holds a key's later messages until the running batch releases that key, then batches them", async () => {
    const { consumer, arrive } = consumerInWaves(
      [message('a.1'), message('b.1')],
      [message('a.2'), message('b.2')],
    );
    const limits = { batch: 10, concurrency: 2, sequenceBy: senderOf };
    const { processor, worker } = startedBatchWorker(consumer, limits);
    await dispatched();
    await arrive();
    // a.2 and b.2 wait: their keys have unreleased messages in the running batch.
    expect(processor.batches).toEqual([['a.1', 'b.1']]);
    await processor.release('a.1');
    expect(processor.batches).toEqual([['a.1', 'b.1'], ['a.2']]);
    await processor.release('b.1');
    expect(processor.batches).toEqual([['a.1', 'b.1'], ['a.2'], ['b.2']]);
    await Promise.all([0, 1, 2].map((i) => processor.finish(i)));
    await worker.stop(100);
  });

  it('runs at most `concurrency` batches, and hands back what waits for a slot when it stops', async () => {
    const later = [message('b.1')];
    const { consumer, arrive } = consumerInWaves([message('a.1')], later);
    const limits = { batch: 10, concurrency: 1, sequenceBy: senderOf };
    const { processor, worker } = startedBatchWorker(consumer, limits);
    await dispatched();
    await arrive();
    // b.1's key is free, but the one slot is taken by a batch that has not released its order.
    expect(processor.batches).toEqual([['a.1']]);
    const stopped = worker.stop(50);
    await processor.finish(0);
    await stopped;
    expect(later[0]!.naks).toBe(1);
    expect(processor.batches).toEqual([['a.1']]);
  });

  describe('with gatherMs', () => {
    beforeEach(() => {
      // The worker's own turns (setImmediate) run as usual; only the gathering wait is moved by hand.
      jest.useFakeTimers({ doNotFake: ['setImmediate', 'nextTick', 'queueMicrotask'] });
    });
    afterEach(() => {
      jest.useRealTimers();
    });

    it('lets a message that finds it idle wait that long, and starts what arrived meanwhile with it', async () => {
      const { consumer, arrive } = consumerInWaves([message('a.1')], [message('b.1')]);
      const limits = { batch: 10, concurrency: 1, sequenceBy: senderOf, gatherMs: 20 };
      const { processor, worker } = startedBatchWorker(consumer, limits);
      await dispatched();
      await arrive();
      jest.advanceTimersByTime(19);
      await dispatched();
      expect(processor.batches).toEqual([]);
      jest.advanceTimersByTime(1);
      await dispatched();
      expect(processor.batches).toEqual([['a.1', 'b.1']]);
      await processor.finish(0);
      await worker.stop(100);
    });

    it('starts at once, without waiting, when a pull brought all it asked for', async () => {
      const messages = ['a.1', 'b.1', 'c.1'].map(message);
      const limits = { batch: 3, concurrency: 1, sequenceBy: senderOf, gatherMs: 20 };
      const { processor, worker } = startedBatchWorker(consumerOf(messages), limits);
      await dispatched();
      expect(processor.batches).toEqual([['a.1', 'b.1', 'c.1']]);
      await processor.finish(0);
      await worker.stop(100);
    });

    it('starts what arrived during a running batch as soon as that batch leaves its slot, without waiting', async () => {
      const { consumer, arrive } = consumerInWaves([message('a.1')], [message('a.2')]);
      const limits = { batch: 10, concurrency: 1, sequenceBy: senderOf, gatherMs: 20 };
      const { processor, worker } = startedBatchWorker(consumer, limits);
      await dispatched();
      jest.advanceTimersByTime(20);
      await dispatched();
      await arrive();
      await processor.release('a.1');
      expect(processor.batches).toEqual([['a.1'], ['a.2']]);
      await Promise.all([0, 1].map((i) => processor.finish(i)));
      await worker.stop(100);
    });
  });
});
