import { StorageType, RetentionPolicy } from '@nats-io/jetstream';
import {
  NatsConnectionService,
  ProvisioningError,
  provisionConsumer,
  provisionStreams,
  type StreamSpec,
} from '#messaging';
import { startNats, type NatsServerHandle } from '#testing';
import { openConnection, quietLogs, uniqueTopology } from './messaging.harness.js';

const NS_PER_MS = 1_000_000;

describe('provisioning streams and consumers', () => {
  let nats: NatsServerHandle;
  let connection: NatsConnectionService;

  beforeAll(async () => {
    quietLogs();
    nats = await startNats();
    connection = await openConnection(nats.url, []);
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await nats?.stop();
  });

  it('creates a declared stream with file storage, limits retention, max age and duplicate window', async () => {
    const { stream } = uniqueTopology();
    const spec: StreamSpec = { ...stream, maxAgeMs: 3_600_000, duplicateWindowMs: 60_000 };
    const manager = await connection.manager();

    await provisionStreams(manager, [spec]);

    const { config } = await manager.streams.info(spec.name);
    expect(config).toMatchObject({
      subjects: spec.subjects,
      storage: StorageType.File,
      retention: RetentionPolicy.Limits,
      max_age: 3_600_000 * NS_PER_MS,
      duplicate_window: 60_000 * NS_PER_MS,
    });
  });

  it('leaves a matching stream untouched when provisioned again, and keeps its messages', async () => {
    const { stream, root } = uniqueTopology();
    const manager = await connection.manager();
    await provisionStreams(manager, [stream]);
    await connection.jetstream().publish(`${root}.a`, new Uint8Array([1]));
    const before = await manager.streams.info(stream.name);

    await provisionStreams(manager, [stream]);
    await provisionStreams(manager, [stream]);

    const after = await manager.streams.info(stream.name);
    expect(after.created).toBe(before.created);
    expect(after.config).toEqual(before.config);
    expect(after.state.messages).toBe(1);
  });

  it('updates a stream whose declared configuration changed', async () => {
    const { stream, root } = uniqueTopology();
    const manager = await connection.manager();
    await provisionStreams(manager, [stream]);

    const changed: StreamSpec = { ...stream, subjects: [`${root}.>`, `${root}x.>`], maxAgeMs: 60_000 };
    await provisionStreams(manager, [changed]);

    const { config } = await manager.streams.info(stream.name);
    expect([...config.subjects].sort()).toEqual([`${root}.>`, `${root}x.>`]);
    expect(config.max_age).toBe(60_000 * NS_PER_MS);
  });

  it('creates an append-only stream that refuses deletes and purges, and only reports a difference later', async () => {
    const { stream, root } = uniqueTopology();
    const manager = await connection.manager();
    await provisionStreams(manager, [stream]);
    const appendOnly: StreamSpec = { ...stream, appendOnly: true, maxAgeMs: 60_000 };

    // An existing stream is not changed by the apps: shortening it would delete messages too.
    expect(await provisionStreams(manager, [appendOnly])).toEqual([
      { stream: stream.name, fields: ['max_age', 'deny_delete', 'deny_purge'] },
    ]);
    expect((await manager.streams.info(stream.name)).config).toMatchObject({
      deny_delete: false,
      max_age: 0,
    });

    // An operator's migration applies it, and from then on nothing can be deleted.
    expect(await provisionStreams(manager, [appendOnly], { updateAppendOnly: true })).toEqual([]);
    await connection.jetstream().publish(`${root}.a`, new Uint8Array([1]));
    await expect(manager.streams.deleteMessage(stream.name, 1)).rejects.toThrow(/not permitted/);
    await expect(manager.streams.purge(stream.name)).rejects.toThrow(/not permitted/);
    await expect(manager.streams.update(stream.name, { deny_delete: false })).rejects.toThrow(/cancel/);

    const fresh = uniqueTopology().stream;
    expect(await provisionStreams(manager, [{ ...fresh, appendOnly: true }])).toEqual([]);
    expect((await manager.streams.info(fresh.name)).config).toMatchObject({
      deny_delete: true,
      deny_purge: true,
    });
  });

  it('lets several app instances provision the same streams at the same moment', async () => {
    const { stream } = uniqueTopology();
    const others = await Promise.all([openConnection(nats.url, []), openConnection(nats.url, [])]);
    try {
      await Promise.all(
        [connection, ...others].map(async (instance) => provisionStreams(await instance.manager(), [stream])),
      );
      const names = await (await connection.manager()).streams.names().next();
      expect(names.filter((name) => name === stream.name)).toHaveLength(1);
    } finally {
      await Promise.all(others.map((other) => other.onApplicationShutdown()));
    }
  });

  it('provisions the streams of MessagingOptions when the connection starts', async () => {
    const { stream } = uniqueTopology();
    const app = await openConnection(nats.url, [stream]);
    try {
      const info = await (await connection.manager()).streams.info(stream.name);
      expect(info.config.subjects).toEqual(stream.subjects);
      expect(app.isConnected()).toBe(true);
      await expect(app.accountInfo()).resolves.toMatchObject({ streams: expect.any(Number) });
    } finally {
      await app.onApplicationShutdown();
    }
    expect(app.isConnected()).toBe(false);
  });

  it('creates a durable pull consumer with explicit acks and a single filter subject', async () => {
    const { stream, consumer } = uniqueTopology({ maxAttempts: 4, ackWaitMs: 5_000, maxAckPending: 50 });
    const manager = await connection.manager();
    await provisionStreams(manager, [stream]);

    await provisionConsumer(manager, consumer);

    const { config } = await manager.consumers.info(consumer.stream, consumer.durable);
    expect(config).toMatchObject({
      durable_name: consumer.durable,
      ack_policy: 'explicit',
      filter_subject: consumer.filterSubject,
      // Attempts are counted by the transport; the server never gives up on a message by itself.
      max_deliver: -1,
      ack_wait: 5_000 * NS_PER_MS,
      max_ack_pending: 50,
    });
    expect(config.deliver_subject).toBeUndefined();
  });

  it('provisions a consumer idempotently and updates changed limits in place', async () => {
    const { stream, consumer } = uniqueTopology();
    const manager = await connection.manager();
    await provisionStreams(manager, [stream]);
    const first = await provisionConsumer(manager, consumer);

    const again = await provisionConsumer(manager, consumer);
    const changed = await provisionConsumer(manager, { ...consumer, maxAckPending: 20, ackWaitMs: 7_000 });

    expect(again.created).toBe(first.created);
    expect(changed.created).toBe(first.created);
    expect(changed.config).toMatchObject({ max_ack_pending: 20, ack_wait: 7_000 * NS_PER_MS });
  });

  it('names the consumer when its stream does not exist', async () => {
    const { consumer } = uniqueTopology();
    const failure = provisionConsumer(await connection.manager(), consumer);
    await expect(failure).rejects.toBeInstanceOf(ProvisioningError);
    await expect(failure).rejects.toMatchObject({ resource: `${consumer.stream}/${consumer.durable}` });
  });
});
