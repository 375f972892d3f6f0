import { HEADER_SENDER, nodeDeliveryConsumerAddress } from '#contracts';
import type { ConsumerSpec } from '#messaging';

// Batches taken in at once. One: the next batch gathers everything that arrives while this one is
// read and taken in, and starts as soon as it is in the inbox, while its receipts go out. A backlog
// drained at 697 deliveries/s this way, 585/s with 4 (docs/performance.md).
const DELIVERY_BATCHES = 1;

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
