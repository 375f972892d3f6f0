// nats-server 2.9 with a leaf-node listener (as every hub serving national sites has) keeps handing
// messages to pull requests it cannot tell are gone, and counts each as a delivery. Around a restart
// that drives delivery counts up by dozens for messages no handler saw, so a server-side max_deliver
// dead-letters them unhandled. The transport counts attempts itself; this checks nothing is lost.
import { setTimeout as pause } from 'node:timers/promises';
import { JetStreamPublisher, JetStreamServer, NatsConnectionService } from '#messaging';
import { freePort } from '#process';
import { startNats, waitFor, type NatsServerHandle } from '#testing';
import { openConnection, quietLogs, read, startServer, text, uniqueTopology } from './messaging.harness.js';

const RESTARTS = 4;

describe('messaging on a server with a leaf-node listener, restarted under traffic', () => {
  let nats: NatsServerHandle;
  let connection: NatsConnectionService;
  let publishing: NatsConnectionService;
  let server: JetStreamServer | undefined;

  beforeAll(async () => {
    quietLogs();
    const leafPort = await freePort();
    nats = await startNats({ config: `leafnodes { listen: "127.0.0.1:${leafPort}" }\n` });
  });

  afterAll(async () => {
    await server?.close();
    await connection?.onApplicationShutdown();
    await publishing?.onApplicationShutdown();
    await nats?.stop();
  });

  it('hands every stored message to the handler and dead-letters none', async () => {
    const { stream, consumer, root } = uniqueTopology({ ackWaitMs: 2_000, maxAttempts: 3 });
    connection = await openConnection(nats.url, [stream]);
    publishing = await openConnection(nats.url, [stream]);
    const handled = new Set<string>();
    let deadLettered = 0;
    server = await startServer({ connection, consumer }, async (body) => {
      handled.add(read(body));
      await pause(2);
    });
    server.on('deadLettered', () => (deadLettered += 1));

    const publisher = new JetStreamPublisher(publishing);
    const stored: string[] = [];
    let stop = false;
    const publish = (async () => {
      for (let i = 0; !stop; i++) {
        const id = `m${i}`;
        try {
          await publisher.publish({ subject: `${root}.${i % 5}`, body: text(id), msgId: id, headers: {} });
          stored.push(id);
        } catch {
          // Not acknowledged (the server is down): not promised, so not counted.
          await pause(50);
        }
        await pause(2);
      }
    })();
    for (let restart = 0; restart < RESTARTS; restart++) {
      await pause(1_500);
      await nats.restart();
    }
    await pause(1_000);
    stop = true;
    await publish;

    await waitFor(() => stored.every((id) => handled.has(id)), {
      timeoutMs: 30_000,
      what: 'every stored message to be handled',
    }).catch(() => undefined);
    expect(stored.length).toBeGreaterThan(0);
    expect(stored.filter((id) => !handled.has(id))).toEqual([]);
    expect(deadLettered).toBe(0);
  }, 90_000);
});
