import type { OutboundEnvelope, PublishResult } from '#messaging';

/** Port to durable publishing of the hub's envelopes. Resolves once every envelope is stored; rejects if any publish failed. */
export abstract class DeliveryStore {
  abstract publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishResult[]>;
}
