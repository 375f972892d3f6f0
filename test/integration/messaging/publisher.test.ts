import { JetStreamPublisher, NatsConnectionService, PublishError } from '#messaging';
import { startNats, type NatsServerHandle } from '#testing';
import { openConnection, quietLogs, text, uniqueTopology } from './messaging.harness.js';

describe('JetStreamPublisher', () => {
  let nats: NatsServerHandle;
  let connection: NatsConnectionService;
  let publisher: JetStreamPublisher;

  beforeAll(async () => {
    quietLogs();
    nats = await startNats();
    connection = await openConnection(nats.url, []);
    publisher = new JetStreamPublisher(connection);
  });

  afterAll(async () => {
    await connection?.onApplicationShutdown();
    await nats?.stop();
  });

  it('stores the message with its headers and id and returns where it is stored', async () => {
    const { stream, root } = uniqueTopology();
    await connection.ready();
    const manager = await connection.manager();
    await manager.streams.add({ name: stream.name, subjects: stream.subjects });

    const ack = await publisher.publish({
      subject: `${root}.alert`,
      body: text('body'),
      msgId: 'm-1',
      headers: { 'Bl-Id': 'm-1', 'Bl-Type': 'alert' },
    });

    expect(ack).toEqual({ stream: stream.name, seq: 1, duplicate: false });
    const stored = await manager.streams.getMessage(stream.name, { seq: 1 });
    expect(stored?.string()).toBe('body');
    expect(stored?.header.get('Nats-Msg-Id')).toBe('m-1');
    expect(stored?.header.get('Bl-Type')).toBe('alert');
  });

  it('reports a second publish with the same message id as a duplicate and stores the message once', async () => {
    const { stream, root } = uniqueTopology();
    const manager = await connection.manager();
    await manager.streams.add({ name: stream.name, subjects: stream.subjects });

    const first = await publisher.publish({
      subject: `${root}.alert`,
      body: text('once'),
      msgId: 'same-id',
      headers: {},
    });
    const second = await publisher.publish({
      subject: `${root}.alert`,
      body: text('once'),
      msgId: 'same-id',
      headers: {},
    });

    expect(first.duplicate).toBe(false);
    expect(second).toEqual({ stream: stream.name, seq: first.seq, duplicate: true });
    expect((await manager.streams.info(stream.name)).state.messages).toBe(1);
  });

  it('keeps publishing through a server restart and stores the message once', async () => {
    const { stream, root } = uniqueTopology();
    const manager = await connection.manager();
    await manager.streams.add({ name: stream.name, subjects: stream.subjects });

    await nats.kill();
    const publishing = publisher.publish(
      { subject: `${root}.alert`, body: text('through restart'), msgId: 'restart-1', headers: {} },
      { timeoutMs: 1_500 },
    );
    await nats.restart();
    const ack = await publishing;

    expect(ack.stream).toBe(stream.name);
    expect((await manager.streams.info(stream.name)).state.messages).toBe(1);
  }, 30_000);

  it('gives up with a PublishError after bounded retries when no stream takes the subject', async () => {
    const failure = publisher.publish(
      { subject: 'nowhere.at.all', body: text('lost'), msgId: 'n-1', headers: {} },
      { timeoutMs: 500 },
    );
    await expect(failure).rejects.toBeInstanceOf(PublishError);
    await expect(failure).rejects.toMatchObject({ subject: 'nowhere.at.all', attempts: 5 });
  });

  it('refuses a header value that would break the header block, before sending anything', async () => {
    const { root } = uniqueTopology();
    await expect(
      publisher.publish({
        subject: `${root}.x`,
        body: text('x'),
        msgId: 'h-1',
        headers: { 'Bl-Id': 'a\r\nEvil: 1' },
      }),
    ).rejects.toBeInstanceOf(RangeError);
  });
});
