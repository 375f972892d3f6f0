import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Logger } from '@nestjs/common';
import { AckPolicy, jetstream } from '@nats-io/jetstream';
import { headers as natsHeaders, nanos } from '@nats-io/transport-node';
import { DEAD_LETTER_HEADERS, deadLetterMsgId } from '#messaging';
import { waitFor } from '#testing';
import {
  DeadLetterNotFoundError,
  dropDeadLetter,
  listDeadLetters,
  replayDeadLetter,
  replayDeadLetters,
  showDeadLetter,
  type DeadLetterRecord,
} from '#operations';
import { startDeadLettersEnv, type DeadLettersEnv } from './dead-letters-env.js';
import { ORDERS_CONSUMER, ORDERS_STREAM, startOrdersApp, type OrdersApp } from './orders-app.fixture.js';

const run = promisify(execFile);
const ROOT = join(import.meta.dirname, '../../..');
const CLI = join(ROOT, 'bin/borderlink.js');

const text = (value: string): Uint8Array => new TextEncoder().encode(value);
const read = (value: Uint8Array): string => new TextDecoder().decode(value);

describe('dead letters', () => {
  let env: DeadLettersEnv;

  beforeAll(async () => {
    // The transport's retry warnings are expected here; errors still show.
    Logger.overrideLogger(['error']);
    env = await startDeadLettersEnv();
  });

  afterAll(async () => {
    await env?.stop();
  });

  /** The one record of `consumer`, once the hub has also handled every advisory. */
  async function onlyRecordOf(stream: string, consumer: string): Promise<DeadLetterRecord> {
    const record = await waitFor(async () => (await listDeadLetters(env.source, { stream, consumer }))[0], {
      timeoutMs: 20_000,
      what: `a dead letter of ${consumer}`,
    });
    await env.advisoriesHandled();
    expect(await listDeadLetters(env.source, { stream, consumer })).toHaveLength(1);
    return record;
  }

  describe('a message whose handler always fails', () => {
    let app: OrdersApp;

    beforeAll(async () => {
      app = await startOrdersApp(env.natsUrl, env.operatorSeedFile);
    });

    afterAll(async () => {
      await app?.close();
    });

    /** Publishes an order while the fault is on and waits for its one dead letter. */
    async function deadLetteredOrder(id: string): Promise<DeadLetterRecord> {
      app.fault.failing = true;
      const terminated = `$JS.EVENT.ADVISORY.CONSUMER.MSG_TERMINATED.${ORDERS_STREAM.name}.${ORDERS_CONSUMER.durable}`;
      const before = await env.advisories(terminated);
      const headers = natsHeaders();
      headers.set('Order-Id', id);
      await jetstream(env.operator).publish(`dlqtest.orders.${id}`, text(`order ${id}`), {
        msgID: id,
        headers,
      });
      const record = await waitFor(
        async () =>
          (await listDeadLetters(env.source, { stream: ORDERS_STREAM.name })).find((r) => r.msgId === id),
        { timeoutMs: 20_000, what: `the dead letter of ${id}` },
      );
      // The app terminates the message after writing the record: the server's advisory of it
      // reaches the hub as well, which must find the record already there.
      await waitFor(async () => (await env.advisories(terminated)) > before, {
        what: 'the terminated advisory',
      });
      await env.advisoriesHandled();
      return record;
    }

    /** Resolves once the consumer has nothing left to deliver or to be acked. */
    function ordersSettled(): Promise<boolean> {
      return waitFor(
        async () => {
          const info = await env.jsm.consumers.info(ORDERS_STREAM.name, ORDERS_CONSUMER.durable);
          return info.num_pending === 0 && info.num_ack_pending === 0;
        },
        { what: 'the orders consumer to settle' },
      );
    }

    it('ends in BL_DLQ after exactly its configured deliveries, body and headers intact, once', async () => {
      const record = await deadLetteredOrder('o-1');

      expect(app.fault.attempts.filter((body) => body === 'order o-1')).toHaveLength(3);
      expect(record).toMatchObject({
        stream: ORDERS_STREAM.name,
        consumer: ORDERS_CONSUMER.durable,
        subject: 'dlqtest.orders.o-1',
        deliveries: 3,
        reason: 'Error: order store offline',
      });
      expect(read(record.body)).toBe('order o-1');
      expect(record.headers['Order-Id']).toEqual(['o-1']);
      // The server's terminated advisory reached the hub too; its write was the same record id.
      const all = await listDeadLetters(env.source, { stream: ORDERS_STREAM.name });
      expect(all.filter((r) => r.msgId === 'o-1')).toHaveLength(1);
      expect(record.headers['Nats-Msg-Id']).toEqual([
        deadLetterMsgId(ORDERS_STREAM.name, ORDERS_CONSUMER.durable, record.sourceSequence!),
      ]);
    });

    it('is delivered once by a replay after the fault is fixed, and a second replay is refused', async () => {
      const record = await deadLetteredOrder('o-2');
      app.fault.failing = false;

      const outcome = await replayDeadLetter(env.source, record.seq);
      expect(outcome.alreadyStored).toBe(false);
      await waitFor(() => app.fault.handled.some((h) => h.body === 'order o-2'), {
        what: 'the replayed order',
      });
      await ordersSettled();

      expect(app.fault.handled.filter((h) => h.body === 'order o-2')).toEqual([
        { body: 'order o-2', orderId: 'o-2' },
      ]);
      await expect(showDeadLetter(env.source, record.seq)).rejects.toBeInstanceOf(DeadLetterNotFoundError);
      await expect(replayDeadLetter(env.source, record.seq)).rejects.toThrow(
        `no dead letter ${record.seq} in BL_DLQ`,
      );
    });

    it('replays every record of a stream with --all, and drops one for good', async () => {
      const [first, second, dropped] = [
        await deadLetteredOrder('o-4'),
        await deadLetteredOrder('o-5'),
        await deadLetteredOrder('o-6'),
      ];
      app.fault.failing = false;

      expect((await dropDeadLetter(env.source, dropped.seq)).msgId).toBe('o-6');
      const outcome = await replayDeadLetters(env.source, { stream: ORDERS_STREAM.name.toLowerCase() });
      // Earlier tests' records of this stream are replayed too; o-6's was dropped first.
      expect(outcome.replayed.map((r) => r.record.seq)).toEqual(
        expect.arrayContaining([first.seq, second.seq]),
      );
      expect(outcome.replayed.map((r) => r.record.seq)).not.toContain(dropped.seq);
      expect(outcome.skipped).toEqual([]);
      await waitFor(() => app.fault.handled.some((h) => h.body === 'order o-5'), {
        what: 'the replayed orders',
      });
      await ordersSettled();

      const handled = app.fault.handled.map((h) => h.body).filter((body) => /o-[456]$/.test(body));
      expect(handled).toEqual(['order o-4', 'order o-5']);
      expect(await listDeadLetters(env.source, { stream: ORDERS_STREAM.name })).toEqual([]);
      await expect(dropDeadLetter(env.source, dropped.seq)).rejects.toBeInstanceOf(DeadLetterNotFoundError);
    });

    // Four processes of the built CLI: generous on a loaded machine.
    it('is listed and replayed once through the borderlink binary', async () => {
      if (!existsSync(join(ROOT, 'dist/apps/cli/src/main.js'))) throw new Error('run `npm run build` first');
      const record = await deadLetteredOrder('o-3');
      app.fault.failing = false;
      const cli = (...args: string[]) =>
        run(
          'node',
          [CLI, 'dlq', ...args, '--nats', env.natsUrl, '--ca', env.caFile, '--seed', env.operatorSeedFile],
          {
            cwd: ROOT,
            timeout: 60_000,
          },
        );

      const listed = JSON.parse(
        (await cli('list', '--json', '--stream', ORDERS_STREAM.name)).stdout,
      ) as unknown;
      expect(listed).toContainEqual(
        expect.objectContaining({ seq: record.seq, msgId: 'o-3', deliveries: 3 }),
      );

      const replayed = await cli('replay', String(record.seq));
      expect(replayed.stdout).toContain(`replayed dead letter ${record.seq} onto dlqtest.orders.o-3`);
      await waitFor(() => app.fault.handled.some((h) => h.body === 'order o-3'), {
        what: 'the replayed order',
      });
      await ordersSettled();
      expect(app.fault.handled.filter((h) => h.body === 'order o-3')).toHaveLength(1);

      await expect(cli('replay', String(record.seq))).rejects.toMatchObject({
        code: 1,
        stderr: expect.stringContaining(`no dead letter ${record.seq} in BL_DLQ`) as unknown,
      });
      await expect(cli('drop', String(record.seq))).rejects.toMatchObject({
        code: 2,
        stderr: expect.stringContaining('add --yes') as unknown,
      });
    }, 180_000);
  });

  it('records a message whose consumer never acks it (its process dies on every delivery) from the advisory', async () => {
    const stream = 'T_DLQ_CRASH';
    const consumer = 'crasher';
    await env.jsm.streams.add({ name: stream, subjects: ['dlqtest.crash.>'] });
    await env.jsm.consumers.add(stream, {
      durable_name: consumer,
      ack_policy: AckPolicy.Explicit,
      max_deliver: 2,
      ack_wait: nanos(300),
    });
    const headers = natsHeaders();
    headers.set('Order-Id', 'c-1');
    await jetstream(env.operator).publish('dlqtest.crash.c-1', text('crash me'), { msgID: 'c-1', headers });

    // Each pull is one process that takes the message and dies before acking. The server gives up
    // (and advises) at the first pull after the last delivery's ack wait.
    const pulls = await jetstream(env.operator).consumers.get(stream, consumer);
    let deliveries = 0;
    const record = await waitFor(
      async () => {
        const message = await pulls.next({ expires: 1_000 });
        if (message) deliveries = message.info.deliveryCount;
        return (await listDeadLetters(env.source, { stream, consumer }))[0];
      },
      { timeoutMs: 20_000, what: 'the advisory-driven dead letter' },
    );

    expect(deliveries).toBe(2);
    expect(record).toMatchObject({
      subject: 'dlqtest.crash.c-1',
      msgId: 'c-1',
      deliveries: 2,
      sourceSequence: 1,
      reason: 'max deliveries reached: not acknowledged after 2 deliveries',
    });
    expect(read(record.body)).toBe('crash me');
    expect(record.headers['Order-Id']).toEqual(['c-1']);
    expect(record.headers[DEAD_LETTER_HEADERS.stream]).toEqual([stream]);
    expect(await onlyRecordOf(stream, consumer)).toMatchObject({ seq: record.seq });

    const metrics = await env.metrics();
    expect(metrics).toMatch(
      /bl_dead_letters_written_total\{[^}]*stream="t_dlq_crash",consumer="crasher"[^}]*\} 1/,
    );
    expect(metrics).toMatch(/bl_dead_letters\{[^}]*stream="t_dlq_crash",consumer="crasher"[^}]*\} 1/);
  });
});
