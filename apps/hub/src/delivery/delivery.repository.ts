import { Injectable } from '@nestjs/common';
import { JetStreamPublisher, type OutboundEnvelope, type PublishResult } from '#messaging';
import { DeliveryStore } from './delivery.store.js';

/** Publishes the hub's envelopes to JetStream, all at once, and waits for every publish ack. */
@Injectable()
export class DeliveryRepository extends DeliveryStore {
  constructor(private readonly publisher: JetStreamPublisher) {
    super();
  }

  publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishResult[]> {
    return this.publisher.publishAll(envelopes);
  }
}
