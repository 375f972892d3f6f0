import { deadLetterSubject } from '#contracts';
import {
  DEAD_LETTER_HEADERS,
  JetStreamPublisher,
  JetStreamServer,
  NatsConnectionService,
  PermanentFailure,
  provisionStreams,
  type ConsumerSpec,
  type JetStreamBatchContext,
} from '#messaging';
import { startNats, waitFor, type NatsServerHandle } from '#testing';
import {
  DEAD_LETTER_STREAM,
  consumerSettled,
  gate,
  nthEvent,
  openConnection,
  quietLogs,
  read,
  startBatchServer,
  startServer,
  text,
  uniqueTopology,
  within,
  type TestTopology,
} from './messaging.harness.js';

describe('JetStreamServer', () => {
  let nats: NatsServerHandle;
  let connection: NatsConnectionService;
  let publisher: JetStreamPublisher;
  const started: JetStreamServer[] = [];
  const connections: NatsConnectionService[] = [];

  beforeAll(async () => {
    quietLogs();
    nats = await startNats();
    connection = await openConnection(nats.url, [DEAD_LETTER_STREAM]);
    publisher = new JetStreamPublisher(connection);
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
    await Promise.all(connections.splice(0).map((other) => other.onApplicationShutdown()));
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await nats?.stop();
  });

  async function topology(consumer: Partial<ConsumerSpec> = {}): Promise<TestTopology> {
    const created = uniqueTopology(consumer);
    await provisionStreams(await connection.manager(), [created.stream]);
    return created;
  }

  async function serve(...args: Parameters<typeof startServer>): Promise<JetStreamServer> {
    const server = await startServer(...args);
    started.push(server);
    return server;
  }

  async function anotherInstance(): Promise<NatsConnectionService> {
    const other = await openConnection(nats.url, []);
    connections.push(other);
    return other;
  }

  async function publishAll(root: string, count: number): Promise<string[]> {
    const bodies = Array.from({ length: count }, (_, i) => `${root}-${i + 1}`);
    for (const body of bodies)
      await publisher.publish({ subject: `${root}.msg`, body: text(body), msgId: body, headers: {} });
    return bodies;
  }

  it('hands every message to the handler and acks each once the handler succeeds', async () => {
    const { consumer, root } = await topology();
    const seen: string[] = [];
    const all = gate();
    await serve({ connection, consumer }, async (body) => {
      seen.push(read(body));
      if (seen.length === 20) all.open();
    });

    const bodies = await publishAll(root, 20);

    await within(all.opened, 10_000, 'twenty messages handled');
    const info = await consumerSettled(connection, consumer, 20);
    expect([...seen].sort()).toEqual([...bodies].sort());
    expect(info.num_redelivered).toBe(0);
  });

  it('acks a message only after the handler promise resolves', async () => {
    const { consumer, root } = await topology();
    const release = gate();
    const entered = gate();
    await serve({ connection, consumer }, async () => {
      entered.open();
      await release.opened;
    });

    await publishAll(root, 1);
    await within(entered.opened, 10_000, 'the handler to start');

    const manager = await connection.manager();
    expect((await manager.consumers.info(consumer.stream, consumer.durable)).num_ack_pending).toBe(1);
    release.open();
    await consumerSettled(connection, consumer, 1);
  });

  it('redelivers after a transient failure with a growing delay, then acks', async () => {
    const { consumer, root } = await topology();
    const deliveredAt: number[] = [];
    const succeeded = gate();
    const server = await serve({ connection, consumer }, async (_body, ctx) => {
      deliveredAt.push(Date.now());
      if (ctx.deliveryCount < 3) throw new Error('registry not reachable');
      succeeded.open();
    });
    const delays: number[] = [];
    server.on('retried', (_ctx, delayMs) => delays.push(delayMs));

    await publishAll(root, 1);

    await within(succeeded.opened, 15_000, 'the third delivery');
    await consumerSettled(connection, consumer, 1);
    expect(delays).toEqual([1_000, 2_000]);
    const [first, second, third] = deliveredAt as [number, number, number];
    expect(second - first).toBeGreaterThanOrEqual(950);
    expect(third - second).toBeGreaterThanOrEqual(1_950);
  });

  it('terminates a PermanentFailure and records a dead letter with the original body and headers', async () => {
    const { consumer, root, stream } = await topology();
    let calls = 0;
    const server = await serve({ connection, consumer }, () => {
      calls += 1;
      return Promise.reject(new PermanentFailure('signature does not verify'));
    });
    const deadLettered = nthEvent(server, 'deadLettered');

    await publisher.publish({
      subject: `${root}.alert`,
      body: text('poison'),
      msgId: 'p-1',
      headers: { 'Bl-Id': 'p-1', 'Bl-Sender': 'kz-border' },
    });

    const [ctx, reason] = await within(deadLettered, 10_000, 'the dead letter');
    expect(ctx.streamSequence).toBe(1);
    expect(reason).toBe('PermanentFailure: signature does not verify');

    const manager = await connection.manager();
    const record = await manager.streams.getMessage(DEAD_LETTER_STREAM.name, {
      last_by_subj: deadLetterSubject(stream.name, consumer.durable),
    });
    expect(record?.string()).toBe('poison');
    expect(record?.header.get('Bl-Id')).toBe('p-1');
    expect(record?.header.get('Bl-Sender')).toBe('kz-border');
    expect(record?.header.get(DEAD_LETTER_HEADERS.msgId)).toBe('p-1');
    expect(record?.header.get(DEAD_LETTER_HEADERS.stream)).toBe(stream.name);
    expect(record?.header.get(DEAD_LETTER_HEADERS.consumer)).toBe(consumer.durable);
    expect(record?.header.get(DEAD_LETTER_HEADERS.subject)).toBe(`${root}.alert`);
    expect(record?.header.get(DEAD_LETTER_HEADERS.sequence)).toBe('1');
    expect(record?.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('1');
    expect(record?.header.get(DEAD_LETTER_HEADERS.reason)).toBe(reason);

    const info = await consumerSettled(connection, consumer, 1);
    expect(info.num_redelivered).toBe(0);
    expect(calls).toBe(1);
  });

  it('dead-letters a message whose last allowed attempt fails', async () => {
    const { consumer, root, stream } = await topology({ maxAttempts: 3 });
    let calls = 0;
    const server = await serve({ connection, consumer, backoff: () => 20 }, () => {
      calls += 1;
      return Promise.reject(new Error('still failing'));
    });
    const deadLettered = nthEvent(server, 'deadLettered');

    await publishAll(root, 1);

    const [ctx, reason] = await within(deadLettered, 10_000, 'the dead letter');
    expect(ctx.deliveryCount).toBe(3);
    expect(reason).toBe('Error: still failing');
    expect(calls).toBe(3);
    const record = await (
      await connection.manager()
    ).streams.getMessage(DEAD_LETTER_STREAM.name, {
      last_by_subj: deadLetterSubject(stream.name, consumer.durable),
    });
    expect(record?.header.get(DEAD_LETTER_HEADERS.deliveries)).toBe('3');
    expect(record?.string()).toBe(`${root}-1`);
    await consumerSettled(connection, consumer, 1);
  });

  it('keeps a message for redelivery when its dead letter cannot be stored', async () => {
    const { consumer, root } = await topology();
    const deliveries: number[] = [];
    const handled = gate();
    const server = await serve(
      { connection, consumer, backoff: () => 20, deadLetterSubject: () => 'no.stream.listens.here' },
      async (_body, ctx) => {
        deliveries.push(ctx.deliveryCount);
        if (ctx.deliveryCount === 1) throw new PermanentFailure('refused');
        handled.open();
      },
    );
    let deadLettered = 0;
    server.on('deadLettered', () => (deadLettered += 1));

    await publishAll(root, 1);

    await within(handled.opened, 20_000, 'the redelivery');
    await consumerSettled(connection, consumer, 1);
    expect(deliveries).toEqual([1, 2]);
    expect(deadLettered).toBe(0);
  }, 30_000);

  it('runs at most `concurrency` handlers at once and holds at most `batch` messages', async () => {
    const { consumer, root } = await topology({ batch: 8, concurrency: 3 });
    const release = gate();
    let active = 0;
    let mostActive = 0;
    let done = 0;
    const all = gate();
    await serve({ connection, consumer }, async () => {
      active += 1;
      mostActive = Math.max(mostActive, active);
      await release.opened;
      active -= 1;
      done += 1;
      if (done === 20) all.open();
    });

    await publishAll(root, 20);

    const manager = await connection.manager();
    const held = await waitFor(
      async () => {
        const info = await manager.consumers.info(consumer.stream, consumer.durable);
        return active === 3 && info.num_ack_pending === 8 ? info : undefined;
      },
      { what: 'three running handlers and a full batch' },
    );
    expect(held.num_pending).toBe(12);
    release.open();
    await within(all.opened, 10_000, 'all twenty messages');
    await consumerSettled(connection, consumer, 20);
    expect(mostActive).toBe(3);
  });

  it('shares one durable between two instances, which together process every message exactly once', async () => {
    const { consumer, root } = await topology({ batch: 10 });
    const other = await anotherInstance();
    const handledBy = new Map<string, string[]>();
    const perInstance = { a: 0, b: 0 };
    const bothBusy = gate();
    const all = gate();
    let total = 0;
    const handler = (instance: 'a' | 'b') => async (body: Uint8Array) => {
      perInstance[instance] += 1;
      // Hold each instance's first messages until the other has some too, so both get a share.
      if (perInstance.a > 0 && perInstance.b > 0) bothBusy.open();
      await bothBusy.opened;
      const key = read(body);
      handledBy.set(key, [...(handledBy.get(key) ?? []), instance]);
      total += 1;
      if (total === 200) all.open();
    };
    await serve({ connection, consumer }, handler('a'));
    await serve({ connection: other, consumer }, handler('b'));

    const bodies = await publishAll(root, 200);

    await within(all.opened, 20_000, 'two hundred messages');
    await consumerSettled(connection, consumer, 200);
    expect([...handledBy.keys()].sort()).toEqual([...bodies].sort());
    expect([...handledBy.values()].every((instances) => instances.length === 1)).toBe(true);
    expect(perInstance.a).toBeGreaterThan(0);
    expect(perInstance.b).toBeGreaterThan(0);
    expect(perInstance.a + perInstance.b).toBe(200);
  });

  it('on close lets running handlers finish, hands back the rest, and another instance picks them up', async () => {
    const { consumer, root } = await topology({ batch: 10, concurrency: 2 });
    const release = gate();
    const startedOnA: string[] = [];
    const finishedOnA: string[] = [];
    const first = new JetStreamServer({ connection, consumers: [consumer] });
    first.addHandler(
      consumer.pattern,
      async (body: Uint8Array) => {
        startedOnA.push(read(body));
        await release.opened;
        finishedOnA.push(read(body));
      },
      true,
    );
    await new Promise<void>((resolve, reject) => {
      void first.listen((error?: unknown) => (error === undefined ? resolve() : reject(error)));
    });
    const bodies = await publishAll(root, 30);
    await waitFor(() => startedOnA.length === 2, { what: 'two running handlers on the first instance' });

    const closing = first.close();
    release.open();
    await within(closing, 10_000, 'the first instance to close');
    await connection.connection.flush();

    expect(finishedOnA).toEqual(startedOnA);
    const handledOnB: string[] = [];
    const rest = gate();
    await serve({ connection: await anotherInstance(), consumer }, async (body) => {
      handledOnB.push(read(body));
      if (handledOnB.length === 28) rest.open();
    });
    await within(rest.opened, 10_000, 'the second instance to handle the rest');
    await consumerSettled(connection, consumer, 30);
    expect([...finishedOnA, ...handledOnB].sort()).toEqual([...bodies].sort());
  });

  it('on close hands back a message whose handler outlives the grace period', async () => {
    const { consumer, root } = await topology();
    const entered = gate();
    const first = await startServer({ connection, consumer, closeTimeoutMs: 200 }, async () => {
      entered.open();
      await new Promise<never>(() => undefined);
    });
    await publishAll(root, 1);
    await within(entered.opened, 10_000, 'the stuck handler to start');

    await within(first.close(), 5_000, 'close after the grace period');
    await connection.connection.flush();

    // Well inside the 30 s ack wait: the message came back because it was handed back, not timed out.
    const redelivered = gate();
    let sequence = 0;
    await serve({ connection: await anotherInstance(), consumer }, async (_body, ctx) => {
      sequence = ctx.streamSequence;
      redelivered.open();
    });
    await within(redelivered.opened, 10_000, 'the handed-back message on the second instance');
    expect(sequence).toBe(1);
    await consumerSettled(connection, consumer, 1);
  });

  it('refuses to start when no handler matches a declared consumer', async () => {
    const { consumer } = await topology();
    const server = new JetStreamServer({ connection, consumers: [consumer] });
    const error = await new Promise<unknown>((resolve) => {
      void server.listen(resolve);
    });
    expect(error).toMatchObject({ name: 'MissingHandlerError', pattern: consumer.pattern });
  });

  // A consumer declared `inBatches`: one handler call per batch of what can start, each message
  // still settled on its own.
  describe('with a batch handler', () => {
    const batchTopology = (consumer: Partial<ConsumerSpec> = {}) =>
      topology({
        inBatches: true,
        sequenceBy: (msg) => msg.headers?.get('Bl-Sender') || undefined,
        ...consumer,
      });

    async function serveBatches(
      consumer: ConsumerSpec,
      handler: (bodies: Uint8Array[], batch: JetStreamBatchContext) => Promise<void>,
    ): Promise<JetStreamServer> {
      const server = await startBatchServer({ connection, consumer }, handler);
      started.push(server);
      return server;
    }

    // `<sender>-<n>` bodies, published in this order with their sender in `Bl-Sender`.
    async function publishFromSenders(root: string, bodies: string[]): Promise<void> {
      for (const body of bodies) {
        await publisher.publish({
          subject: `${root}.msg`,
          body: text(body),
          msgId: body,
          headers: { 'Bl-Sender': body.split('-')[0]! },
        });
      }
    }

    it('hands a backlog over in batches, each sender in order, and acks every message', async () => {
      const { consumer, root } = await batchTopology();
      const bodies = Array.from({ length: 60 }, (_, i) => `${['a', 'b', 'c'][i % 3]}-${i}`);
      await publishFromSenders(root, bodies);
      const handled: string[] = [];
      let calls = 0;
      const all = gate();
      await serveBatches(consumer, async (payload, batch) => {
        calls += 1;
        handled.push(...payload.map(read));
        for (const message of batch.messages) message.releaseOrder();
        if (handled.length === bodies.length) all.open();
      });
      await within(all.opened, 10_000, 'every message');
      await consumerSettled(connection, consumer, bodies.length);
      for (const sender of ['a', 'b', 'c']) {
        const mine = (body: string) => body.startsWith(`${sender}-`);
        expect(handled.filter(mine)).toEqual(bodies.filter(mine));
      }
      expect(calls).toBeLessThan(bodies.length / 4);
    });

    it('dead-letters a poison message of a batch alone, and retries one that failed for now', async () => {
      const { consumer, root, stream } = await batchTopology();
      let transientFailures = 0;
      const acked: string[] = [];
      const handled = gate();
      const server = await serveBatches(consumer, async (payload, batch) => {
        batch.messages.forEach((message, i) => {
          const body = read(payload[i]!);
          if (body === 'a-2') batch.fail(message, new PermanentFailure('undecodable body'));
          else if (body === 'b-1' && transientFailures++ === 0)
            batch.fail(message, new Error('Redis is down'));
        });
      });
      server.on('acked', (ctx) => {
        acked.push(ctx.header('Bl-Sender') ?? '');
        if (acked.length === 4) handled.open();
      });
      const deadLettered = nthEvent(server, 'deadLettered');
      const retried = nthEvent(server, 'retried');
      await publishFromSenders(root, ['a-1', 'a-2', 'b-1', 'a-3', 'c-1']);

      const [poison, reason] = await within(deadLettered, 10_000, 'the dead letter');
      expect(poison.streamSequence).toBe(2);
      expect(reason).toBe('PermanentFailure: undecodable body');
      const [redelivered] = await within(retried, 10_000, 'the retry');
      expect(redelivered.streamSequence).toBe(3);
      await within(handled.opened, 10_000, 'the other four acked');
      await consumerSettled(connection, consumer, 5);

      const manager = await connection.manager();
      const record = await manager.streams.getMessage(DEAD_LETTER_STREAM.name, {
        last_by_subj: deadLetterSubject(stream.name, consumer.durable),
      });
      expect(record?.string()).toBe('a-2');
      expect(record?.header.get(DEAD_LETTER_HEADERS.sequence)).toBe('2');
    });

    it('fails every message of a batch whose handler throws, and delivers them again', async () => {
      const { consumer, root } = await batchTopology({ batch: 4 });
      let calls = 0;
      const redelivered = gate();
      await serveBatches(consumer, async (payload) => {
        calls += 1;
        if (calls === 1) throw new Error('the store is closed');
        if (payload.length > 0) redelivered.open();
      });
      await publishFromSenders(root, ['a-1', 'b-1']);
      await within(redelivered.opened, 10_000, 'the redelivery');
      await consumerSettled(connection, consumer, 2);
    });
  });
});
