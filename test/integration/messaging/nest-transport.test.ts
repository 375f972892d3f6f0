import { Controller, Injectable, Module, UseFilters, type INestMicroservice } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  DEAD_LETTER_HEADERS,
  JetStreamContext,
  JetStreamErrorFilter,
  JetStreamPublisher,
  JetStreamServer,
  MessagingModule,
  NatsConnectionService,
  PermanentFailure,
  type ConsumerSpec,
  type StreamSpec,
} from '#messaging';
import { startNats, type NatsServerHandle } from '#testing';
import {
  DEAD_LETTER_STREAM,
  consumerSettled,
  nthEvent,
  quietLogs,
  read,
  text,
  within,
} from './messaging.harness.js';

const ORDERS = 'orders';
const ORDERS_STREAM: StreamSpec = { name: 'ORDERS', subjects: ['orders.>'], duplicateWindowMs: 60_000 };
const ORDERS_CONSUMER: ConsumerSpec = {
  pattern: ORDERS,
  stream: 'ORDERS',
  durable: 'order-processor',
  filterSubject: 'orders.>',
  maxAttempts: 5,
};

interface Received {
  body: string;
  subject: string;
  orderId: string | undefined;
  deliveries: number;
}

/** What the handler saw, for the test to inspect. */
@Injectable()
class OrderLog {
  readonly received: Received[] = [];
  private readonly waiters: Array<{ count: number; resolve: () => void }> = [];

  add(entry: Received): void {
    this.received.push(entry);
    for (const waiter of this.waiters) if (this.received.length >= waiter.count) waiter.resolve();
  }

  reaches(count: number): Promise<void> {
    return new Promise((resolve) => {
      if (this.received.length >= count) resolve();
      else this.waiters.push({ count, resolve });
    });
  }
}

@Controller()
class OrdersHandler {
  constructor(private readonly log: OrderLog) {}

  @EventPattern<string>(ORDERS)
  async handle(@Payload() body: Uint8Array, @Ctx() ctx: JetStreamContext): Promise<void> {
    const value = read(body);
    if (value === 'poison') throw new PermanentFailure('cannot parse order');
    if (value === 'flaky' && ctx.deliveryCount === 1) throw new Error('warehouse offline');
    this.log.add({
      body: value,
      subject: ctx.subject,
      orderId: ctx.header('Order-Id'),
      deliveries: ctx.deliveryCount,
    });
  }
}

/** Keeps its errors as thrown, so the transport logs and records the real reason. */
@Controller()
@UseFilters(new JetStreamErrorFilter())
class AuditHandler {
  constructor(private readonly log: OrderLog) {}

  @EventPattern<string>(ORDERS)
  async handle(@Payload() body: Uint8Array, @Ctx() ctx: JetStreamContext): Promise<void> {
    if (ctx.deliveryCount === 1) throw new Error('audit store offline');
    this.log.add({
      body: read(body),
      subject: ctx.subject,
      orderId: ctx.header('Order-Id'),
      deliveries: ctx.deliveryCount,
    });
  }
}

describe('JetStreamServer in a Nest application', () => {
  let nats: NatsServerHandle;

  beforeAll(async () => {
    quietLogs();
    nats = await startNats();
  });

  afterAll(async () => {
    await nats?.stop();
  });

  it('feeds @EventPattern handlers, retries, dead-letters and drains on close', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [
        MessagingModule.forRoot({
          useFactory: () => ({
            servers: nats.url,
            name: 'orders-app',
            streams: [ORDERS_STREAM, DEAD_LETTER_STREAM],
          }),
        }),
      ],
      controllers: [OrdersHandler],
      providers: [OrderLog],
    }).compile();
    const connection = moduleRef.get(NatsConnectionService);
    const server = new JetStreamServer({ connection, consumers: [ORDERS_CONSUMER], backoff: () => 20 });
    const app: INestMicroservice = moduleRef.createNestMicroservice({ strategy: server });
    const deadLettered = nthEvent(server, 'deadLettered');
    await app.listen();

    const publisher = moduleRef.get(JetStreamPublisher);
    await publisher.publish({
      subject: 'orders.created',
      body: text('order-1'),
      msgId: 'o-1',
      headers: { 'Order-Id': 'o-1' },
    });
    await publisher.publish({ subject: 'orders.created', body: text('flaky'), msgId: 'o-2', headers: {} });
    await publisher.publish({ subject: 'orders.created', body: text('poison'), msgId: 'o-3', headers: {} });

    const log = moduleRef.get(OrderLog);
    await within(log.reaches(2), 10_000, 'two orders handled');
    const [ctx, reason] = await within(deadLettered, 10_000, 'the poison order dead-lettered');
    await consumerSettled(connection, ORDERS_CONSUMER, 3);

    expect(log.received).toEqual(
      expect.arrayContaining([
        { body: 'order-1', subject: 'orders.created', orderId: 'o-1', deliveries: 1 },
        { body: 'flaky', subject: 'orders.created', orderId: undefined, deliveries: 2 },
      ]),
    );
    expect(log.received).toHaveLength(2);
    expect(ctx.streamSequence).toBe(3);
    expect(reason).toBe('PermanentFailure: cannot parse order');
    const record = await (
      await connection.manager()
    ).streams.getMessage(DEAD_LETTER_STREAM.name, { last_by_subj: 'bl.dlq.orders.order-processor' });
    expect(record?.string()).toBe('poison');
    expect(record?.header.get(DEAD_LETTER_HEADERS.msgId)).toBe('o-3');

    await app.close();
    expect(connection.isConnected()).toBe(false);
    expect(connection.connection.isClosed()).toBe(true);
  });

  it('builds the strategy from the application’s own connection with NestFactory.createMicroservice', async () => {
    @Module({
      imports: [MessagingModule.forRoot({ servers: nats.url, name: 'audit-app', streams: [ORDERS_STREAM] })],
      controllers: [AuditHandler],
      providers: [OrderLog],
    })
    class AuditAppModule {}

    let server: JetStreamServer | undefined;
    const app = await NestFactory.createMicroservice(AuditAppModule, {
      inject: [NatsConnectionService],
      useFactory: (connection: NatsConnectionService) => {
        server = new JetStreamServer({
          connection,
          consumers: [{ ...ORDERS_CONSUMER, durable: 'order-auditor', filterSubject: 'orders.audit.>' }],
          backoff: () => 20,
        });
        return { strategy: server };
      },
    });
    try {
      if (!server) throw new Error('the strategy factory did not run');
      const retried = nthEvent(server, 'retried');
      await app.listen();
      const log = app.get(OrderLog);
      await app.get(JetStreamPublisher).publish({
        subject: 'orders.audit.created',
        body: text('order-9'),
        msgId: 'o-9',
        headers: { 'Order-Id': 'o-9' },
      });

      const [, , reason] = await within(retried, 10_000, 'the first delivery to fail');
      await within(log.reaches(1), 10_000, 'the order handled');
      expect(reason).toBe('Error: audit store offline');
      expect(log.received).toEqual([
        { body: 'order-9', subject: 'orders.audit.created', orderId: 'o-9', deliveries: 2 },
      ]);
    } finally {
      await app.close();
    }
  });
});
