'use strict';
// B1's third column: one durable event type through @nestjs-plugins/nestjs-nats-jetstream-transport,
// shaped like Borderlink's B1 run (1 KiB events, a message id each, 256 publish acks in flight, the
// handler acking each event). Run by bench/src/scenarios/b1-messaging.scenario.ts as
//   node bench/community/b1-community.cjs <nats-url> <events> <ca-file>
// and prints one JSON line: {"events_per_s": …}. Plain JavaScript, as this folder is not compiled.
require('reflect-metadata');
const { Module, Controller } = require('@nestjs/common');
const { NestFactory } = require('@nestjs/core');
const { EventPattern, Ctx, Payload } = require('@nestjs/microservices');
const {
  NatsJetStreamServer,
  NatsJetStreamClientProxy,
  NatsJetStreamRecordBuilder,
} = require('@nestjs-plugins/nestjs-nats-jetstream-transport');
const { lastValueFrom } = require('rxjs');

const STREAM = 'B1_COMMUNITY';
const SUBJECT = 'b1community.events';
const IN_FLIGHT = 256;
const EVENT_BYTES = 1024;

const [url, countArg, caFile] = process.argv.slice(2);
const count = Number(countArg);
if (!url || !Number.isInteger(count) || count <= 0 || !caFile) {
  process.stderr.write('usage: node bench/community/b1-community.cjs <nats-url> <events> <ca-file>\n');
  process.exit(2);
}

let handled = 0;
let allHandled;
const done = new Promise((resolve) => (allHandled = resolve));

// Decorators applied by hand: this file is not compiled.
class BenchEvents {
  onEvent(_event, context) {
    context.message.ack();
    if (++handled === count) allHandled();
  }
}
Controller()(BenchEvents);
const descriptor = Object.getOwnPropertyDescriptor(BenchEvents.prototype, 'onEvent');
EventPattern(SUBJECT)(BenchEvents.prototype, 'onEvent', descriptor);
Payload()(BenchEvents.prototype, 'onEvent', 0);
Ctx()(BenchEvents.prototype, 'onEvent', 1);

class BenchModule {}
Module({ controllers: [BenchEvents] })(BenchModule);

async function main() {
  const connectionOptions = { servers: url, name: 'bench-b1-community', tls: { caFile } };
  const app = await NestFactory.createMicroservice(BenchModule, {
    logger: ['error'],
    strategy: new NatsJetStreamServer({
      connectionOptions,
      consumerOptions: {
        durable: 'b1',
        deliverTo: 'b1',
        deliverPolicy: 'All',
        manualAck: true,
        ackPolicy: 'Explicit',
      },
      streamConfig: { name: STREAM, subjects: [SUBJECT] },
    }),
  });
  await app.listen();
  const client = new NatsJetStreamClientProxy({ connectionOptions });
  await client.connect();
  // JSON is the transport's only codec: a 1 KiB string stands in for a 1 KiB body.
  const body = 'x'.repeat(EVENT_BYTES);
  const started = performance.now();
  let next = 0;
  const publishWindow = async () => {
    while (next < count) {
      const serial = next++;
      const record = new NatsJetStreamRecordBuilder(body);
      record.setMsgId(`b1c-${serial}`);
      await lastValueFrom(client.emit(SUBJECT, record.build()));
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, count) }, publishWindow));
  await done;
  const seconds = (performance.now() - started) / 1000;
  process.stdout.write(`${JSON.stringify({ events_per_s: Math.round(count / seconds) })}\n`);
  await client.close();
  await app.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
