// A real Nest JetStream microservice whose handler fails while its fault switch is on: the
// application side of a dead letter.
import { Controller, Injectable, UseFilters, type INestMicroservice } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { Test } from '@nestjs/testing';
import {
  JETSTREAM_TRANSPORT,
  JetStreamContext,
  JetStreamErrorFilter,
  JetStreamServer,
  MessagingModule,
  NatsConnectionService,
  seedFileAuthenticator,
  type ConsumerSpec,
  type StreamSpec,
} from '#messaging';
import { testTls } from '#testing';

export const ORDERS_PATTERN = 'dlq-orders';
export const ORDERS_STREAM: StreamSpec = {
  name: 'T_DLQ_ORDERS',
  subjects: ['dlqtest.orders.>'],
  duplicateWindowMs: 60_000,
};
/** Three deliveries, then the app dead-letters the message itself. */
export const ORDERS_CONSUMER: ConsumerSpec = {
  pattern: ORDERS_PATTERN,
  stream: ORDERS_STREAM.name,
  durable: 'order-processor',
  filterSubject: 'dlqtest.orders.>',
  maxAttempts: 3,
};

export interface Handled {
  body: string;
  orderId: string | undefined;
}

/** The fault (a store the handler depends on is down) and what the handler saw. */
@Injectable()
export class OrdersFault {
  failing = true;
  /** Every delivery the handler was called with, failed or not. */
  readonly attempts: string[] = [];
  /** Deliveries it handled successfully. */
  readonly handled: Handled[] = [];
}

@Controller()
@UseFilters(new JetStreamErrorFilter())
class OrdersHandler {
  constructor(private readonly fault: OrdersFault) {}

  @EventPattern<string>(ORDERS_PATTERN, JETSTREAM_TRANSPORT)
  handle(@Payload() body: Uint8Array, @Ctx() ctx: JetStreamContext): Promise<void> {
    const text = new TextDecoder().decode(body);
    this.fault.attempts.push(text);
    if (this.fault.failing) return Promise.reject(new Error('order store offline'));
    this.fault.handled.push({ body: text, orderId: ctx.header('Order-Id') });
    return Promise.resolve();
  }
}

export interface OrdersApp {
  fault: OrdersFault;
  connection: NatsConnectionService;
  close(): Promise<void>;
}

/** Starts the app as the operator user (it provisions its own stream) with a 20 ms retry backoff. */
export async function startOrdersApp(natsUrl: string, seedFile: string): Promise<OrdersApp> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      MessagingModule.forRoot({
        servers: natsUrl,
        name: 'orders-app',
        streams: [ORDERS_STREAM],
        authenticator: seedFileAuthenticator(seedFile),
        tls: { caFile: (await testTls()).caFile },
      }),
    ],
    controllers: [OrdersHandler],
    providers: [OrdersFault],
  }).compile();
  const connection = moduleRef.get(NatsConnectionService);
  const server = new JetStreamServer({ connection, consumers: [ORDERS_CONSUMER], backoff: () => 20 });
  const app: INestMicroservice = moduleRef.createNestMicroservice({ strategy: server });
  await app.listen();
  return { fault: moduleRef.get(OrdersFault), connection, close: () => app.close() };
}
