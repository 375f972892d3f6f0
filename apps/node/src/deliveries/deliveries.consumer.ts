import { HEADER_SENDER, nodeDeliveryConsumerAddress } from '#contracts';
import type { ConsumerSpec } from '#messaging';

/** The `@EventPattern` of the handler of this node's deliveries. */
export const DELIVERIES_PATTERN = 'deliveries';

/**
 * The node's delivery consumer, which the hub provisioned. Each origin's messages are taken in one at
 * a time in stream order, so a backlog drains in the order each sender sent.
 */
export function deliveriesConsumer(node: string): ConsumerSpec {
  return {
    pattern: DELIVERIES_PATTERN,
    ...nodeDeliveryConsumerAddress(node),
    sequenceBy: (msg) => msg.headers?.get(HEADER_SENDER) || undefined,
  };
}
