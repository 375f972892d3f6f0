import { deadLetterSubject } from '#contracts';
import {
  DEAD_LETTER_HEADERS,
  JetStreamPublisher,
  NatsConnectionService,
  PermanentFailure,
  provisionStreams,
  type ConsumerSpec,
  type JetStreamBatchContext,
  type JetStreamServer,
} from '#messaging';
import { startNats, type NatsServerHandle } from '#testing';
import {
  DEAD_LETTER_STREAM,
  consumerSettled,
  gate,
  nthEvent,
  openConnection,
  quietLogs,
  read,
  startBatchServer,
  text,
  uniqueTopology,
  within,
  type TestTopology,
} from './messaging.harness.js';

// A consumer declared `inBatches`: one handler call per batch of what can start, each message still
// settled on its own.
describe('JetStreamServer with a batch handler', () => {
  let nats: NatsServerHandle;
  let connection: NatsConnectionService;
  let publisher: JetStreamPublisher;
  const started: JetStreamServer[] = [];

  beforeAll(async () => {
    quietLogs();
    nats = await startNats();
    connection = await openConnection(nats.url, [DEAD_LETTER_STREAM]);
    publisher = new JetStreamPublisher(connection);
  });

  afterEach(async () => {
    await Promise.all(started.splice(0).map((server) => server.close()));
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await nats?.stop();
  });

  async function topology(consumer: Partial<ConsumerSpec> = {}): Promise<TestTopology> {
    const created = uniqueTopology({
      inBatches: true,
      sequenceBy: (msg) => msg.headers?.get('Bl-Sender') || undefined,
      ...consumer,
    });
    await provisionStreams(await connection.manager(), [created.stream]);
    return created;
  }

  async function serve(
    consumer: ConsumerSpec,
    handler: (bodies: Uint8Array[], batch: JetStreamBatchContext) => Promise<void>,
  ): Promise<JetStreamServer> {
    const server = await startBatchServer({ connection, consumer }, handler);
    started.push(server);
    return server;
  }

  // `<sender>-<n>` bodies, published in this order with their sender in `Bl-Sender`.
  async function publishAll(root: string, bodies: string[]): Promise<void> {
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
    const { consumer, root } = await topology();
    const bodies = Array.from({ length: 60 }, (_, i) => `${['a', 'b', 'c'][i % 3]}-${i}`);
    await publishAll(root, bodies);
    const handled: string[] = [];
    let calls = 0;
    const all = gate();
    await serve(consumer, async (payload, batch) => {
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
    const { consumer, root, stream } = await topology();
    let transientFailures = 0;
    const acked: string[] = [];
    const handled = gate();
    const server = await serve(consumer, async (payload, batch) => {
      batch.messages.forEach((message, i) => {
        const body = read(payload[i]!);
        if (body === 'a-2') batch.fail(message, new PermanentFailure('undecodable body'));
        else if (body === 'b-1' && transientFailures++ === 0) batch.fail(message, new Error('Redis is down'));
      });
    });
    server.on('acked', (ctx) => {
      acked.push(ctx.header('Bl-Sender') ?? '');
      if (acked.length === 4) handled.open();
    });
    const deadLettered = nthEvent(server, 'deadLettered');
    const retried = nthEvent(server, 'retried');
    await publishAll(root, ['a-1', 'a-2', 'b-1', 'a-3', 'c-1']);

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
    const { consumer, root } = await topology({ batch: 4 });
    let calls = 0;
    const redelivered = gate();
    await serve(consumer, async (payload) => {
      calls += 1;
      if (calls === 1) throw new Error('the store is closed');
      if (payload.length > 0) redelivered.open();
    });
    await publishAll(root, ['a-1', 'b-1']);
    await within(redelivered.opened, 10_000, 'the redelivery');
    await consumerSettled(connection, consumer, 2);
  });
});
