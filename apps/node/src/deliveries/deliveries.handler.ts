import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, Payload } from '@nestjs/microservices';
import { ApiExcludeController } from '@nestjs/swagger';
import { JETSTREAM_TRANSPORT, JetStreamContext } from '#messaging';
import { MetricsService } from '#runtime';
import { DELIVERIES_PATTERN } from './deliveries.consumer.js';
import { DeliveriesService } from './deliveries.service.js';

/** NATS transport of this node's deliveries: acked when `handle` resolves, retried when it throws. */
// A controller only so Nest finds its event pattern; it has no HTTP routes to document.
@ApiExcludeController()
@Controller()
export class DeliveriesHandler {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly metrics: MetricsService,
  ) {}

  @EventPattern<string>(DELIVERIES_PATTERN, JETSTREAM_TRANSPORT)
  async onDelivery(@Payload() body: Uint8Array, @Ctx() context: JetStreamContext): Promise<void> {
    const stop = this.metrics.handlerSeconds.startTimer({ handler: 'node.deliveries' });
    try {
      await this.deliveries.handle({
        subject: context.subject,
        body,
        header: (name) => context.header(name),
        releaseOrder: () => context.releaseOrder(),
      });
    } finally {
      stop();
    }
  }
}
