import { Injectable } from '@nestjs/common';
import { JetStreamPublisher } from '#messaging';
import { EnvelopePublisher, type OutboundEnvelope, type PublishOutcome } from './envelope-publisher.js';

/** Publishes the hub's envelopes to JetStream, all at once, and waits for every publish ack. */
@Injectable()
export class DeliveryRepository extends EnvelopePublisher {
  constructor(private readonly publisher: JetStreamPublisher) {
    super();
  }

  async publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishOutcome[]> {
    return Promise.all(
      envelopes.map(({ subject, body, msgId, headers }) =>
        this.publisher.publish(subject, body, { msgId, headers }),
      ),
    );
  }
}
