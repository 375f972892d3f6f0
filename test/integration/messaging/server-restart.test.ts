import { JetStreamPublisher, JetStreamServer, NatsConnectionService } from '#messaging';
import { startNats, waitFor, type NatsServerHandle } from '#testing';
import {
  consumerSettled,
  gate,
  openConnection,
  quietLogs,
  read,
  startServer,
  text,
  uniqueTopology,
  within,
} from './messaging.harness.js';

// A server of its own: this test crashes and restarts it.
describe('messaging across a NATS server crash', () => {
  let nats: NatsServerHandle;
  let connection: NatsConnectionService;
  let server: JetStreamServer | undefined;

  beforeAll(async () => {
    quietLogs();
    nats = await startNats();
  });

  afterAll(async () => {
    await server?.close();
    await connection?.onApplicationShutdown();
    await nats?.stop();
  });

  it('reconnects, keeps publishing and consuming, and loses nothing (redelivering what the crash forgot)', async () => {
    // A crash can lose the consumer's latest acks: those messages come back after the ack wait.
    const { stream, consumer, root } = uniqueTopology({ ackWaitMs: 2_000 });
    connection = await openConnection(nats.url, [stream]);
    const publisher = new JetStreamPublisher(connection);
    const seen = new Set<string>();
    const waiters = new Map<number, () => void>();
    server = await startServer({ connection, consumer }, async (body) => {
      seen.add(read(body));
      waiters.get(seen.size)?.();
    });
    const reaches = (count: number): Promise<void> => {
      const reached = gate();
      if (seen.size >= count) reached.open();
      else waiters.set(count, reached.open);
      return reached.opened;
    };
    const publish = async (from: number, to: number): Promise<void> => {
      for (let i = from; i <= to; i++)
        await publisher.publish({ subject: `${root}.m`, body: text(`m${i}`), msgId: `m${i}`, headers: {} });
    };

    await publish(1, 5);
    await within(reaches(5), 10_000, 'the messages before the crash');

    await nats.kill();
    await waitFor(() => !connection.isConnected(), { what: 'the client to notice the crash' });
    const publishing = publish(6, 10);
    await nats.restart();
    await publishing;

    await within(reaches(10), 30_000, 'the messages after the restart');
    await consumerSettled(connection, consumer, 10);
    expect(connection.isConnected()).toBe(true);
    expect([...seen].sort()).toEqual(Array.from({ length: 10 }, (_, i) => `m${i + 1}`).sort());
  }, 60_000);
});
