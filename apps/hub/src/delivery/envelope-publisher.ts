import type { OutboundEnvelope, PublishResult } from '#messaging';

/** Port to durable publishing. Resolves once every envelope is stored; rejects if any publish failed. */
export abstract class EnvelopePublisher {
  abstract publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishResult[]>;
}
