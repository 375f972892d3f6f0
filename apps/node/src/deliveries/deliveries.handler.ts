import { Controller } from '@nestjs/common';
import { Ctx, EventPattern } from '@nestjs/microservices';
import { ApiExcludeController } from '@nestjs/swagger';
import { JETSTREAM_TRANSPORT, JetStreamBatchContext, type JetStreamContext } from '#messaging';
import { MetricsService } from '#runtime';
import { DELIVERIES_PATTERN } from './deliveries.consumer.js';
import { DeliveriesService } from './deliveries.service.js';
import type { Delivery } from './delivery.js';

/**
 * NATS transport of this node's deliveries, a pulled batch at a time: each delivery is acked once
 * handled, retried or dead-lettered when it failed, on its own.
 */
// A controller only so Nest finds its event pattern; it has no HTTP routes to document.
@ApiExcludeController()
@Controller()
export class DeliveriesHandler {
  constructor(
    private readonly deliveries: DeliveriesService,
    private readonly metrics: MetricsService,
  ) {}

  @EventPattern<string>(DELIVERIES_PATTERN, JETSTREAM_TRANSPORT)
  async onDeliveries(@Ctx() batch: JetStreamBatchContext): Promise<void> {
    const stop = this.metrics.handlerSeconds.startTimer({ handler: 'node.deliveries' });
    try {
      const contexts = new Map<Delivery, JetStreamContext>(
        batch.messages.map((context) => [
          {
            subject: context.subject,
            body: context.body,
            header: (name) => context.header(name),
            releaseOrder: () => context.releaseOrder(),
          },
          context,
        ]),
      );
      const failed = await this.deliveries.handleBatch([...contexts.keys()]);
      for (const { delivery, error } of failed) batch.fail(contexts.get(delivery)!, error);
    } finally {
      stop();
    }
  }
}
