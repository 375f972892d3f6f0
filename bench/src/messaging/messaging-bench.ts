import { Module, type DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { JetStreamPublisher, JetStreamServer, MessagingModule, NatsConnectionService } from '#messaging';
import type { BenchNats } from '../measure/private-servers.js';
import { runWindowed } from '../measure/rate-pacer.js';
import { perSecond } from '../measure/stats.js';
import { MESSAGE_BYTES, RAW_PUBLISH_IN_FLIGHT } from '../raw/raw-jetstream.js';
import { BENCH_EVENT_PATTERN, BenchEventHandler } from './bench-event.handler.js';
import { EventSink } from './event-sink.js';

const STREAM = 'B1_MESSAGING';
const SUBJECT = 'b1.events';

@Module({})
class MessagingBenchModule {
  static forRoot(nats: BenchNats): DynamicModule {
    return {
      module: MessagingBenchModule,
      imports: [
        MessagingModule.forRoot({
          servers: nats.url,
          tls: { caFile: nats.caFile },
          name: 'bench-b1',
          streams: [{ name: STREAM, subjects: [SUBJECT] }],
        }),
      ],
      controllers: [BenchEventHandler],
      providers: [EventSink],
    };
  }
}

/**
 * One durable event type through libs/messaging in one process, as an app uses it:
 * `JetStreamPublisher.publish` with a message id and its ack (256 in flight, like the raw baseline),
 * and a `JetStreamServer` consumer with its default batch and concurrency calling an `@EventPattern`
 * handler, acked when the handler resolves. Returns events/s from the first publish to the last ack.
 */
export async function measureMessagingLayer(nats: BenchNats, count: number): Promise<number> {
  const app = await NestFactory.create(MessagingBenchModule.forRoot(nats), {
    logger: ['error'],
    abortOnError: false,
  });
  await app.init();
  app.connectMicroservice(
    {
      strategy: new JetStreamServer({
        connection: app.get(NatsConnectionService),
        consumers: [{ pattern: BENCH_EVENT_PATTERN, stream: STREAM, durable: 'b1', filterSubject: SUBJECT }],
      }),
    },
    { inheritAppConfig: true },
  );
  try {
    await app.startAllMicroservices();
    const publisher = app.get(JetStreamPublisher);
    const body = new Uint8Array(MESSAGE_BYTES).fill(1);
    const started = performance.now();
    const handled = app.get(EventSink).expect(count);
    await runWindowed(count, RAW_PUBLISH_IN_FLIGHT, (serial) =>
      publisher.publish({ subject: SUBJECT, body, msgId: `b1-${serial}`, headers: {} }),
    );
    await handled;
    return perSecond(count, performance.now() - started);
  } finally {
    await app.close();
  }
}
