import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { JETSTREAM_TRANSPORT } from '#messaging';
import { EventSink } from './event-sink.js';

/** The `@EventPattern` of the benchmark's one durable event type. */
export const BENCH_EVENT_PATTERN = 'bench-event';

/** A handler doing no work of its own, so the figure is the transport's cost alone. */
@Controller()
export class BenchEventHandler {
  constructor(private readonly sink: EventSink) {}

  @EventPattern<string>(BENCH_EVENT_PATTERN, JETSTREAM_TRANSPORT)
  handle(@Payload() _body: Uint8Array): Promise<void> {
    this.sink.record();
    return Promise.resolve();
  }
}
