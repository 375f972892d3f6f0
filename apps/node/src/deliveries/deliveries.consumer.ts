import { HEADER_SENDER, nodeDeliveryConsumerAddress } from '#contracts';
import type { ConsumerSpec } from '#messaging';

// Batches handled at once: while one is taken in, the next gathers what arrives meanwhile.
const DELIVERY_BATCHES = 4;

/** The `@EventPattern` of the handler of this node's deliveries. */
export const DELIVERIES_PATTERN = 'deliveries';

/**
 * The node's delivery consumer, which the hub provisioned, handled a batch at a time (one inbox
 * take-in for all of a batch's messages). Each origin's messages are taken in in stream order, so a
 * backlog drains in the order each sender sent.
 */
export function deliveriesConsumer(node: string): ConsumerSpec {
  return {
    pattern: DELIVERIES_PATTERN,
    ...nodeDeliveryConsumerAddress(node),
    sequenceBy: (msg) => msg.headers?.get(HEADER_SENDER) || undefined,
    inBatches: true,
    concurrency: DELIVERY_BATCHES,
  };
}
