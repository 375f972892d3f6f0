import { deliveryFilter, HEADER_SENDER, nodeDeliveryConsumer, STREAM_DELIVERY } from '#contracts';
import type { ConsumerSpec } from '#messaging';

/** The `@EventPattern` of the handler of this node's deliveries. */
export const DELIVERIES_PATTERN = 'deliveries';

/**
 * The node's durable consumer `node-<id>` on BL_DELIVERY, reading `bl.out.<id>.>` only. Each
 * origin's messages are taken in one at a time in stream order, so a backlog drains in the order
 * each sender sent.
 */
export function deliveriesConsumer(node: string): ConsumerSpec {
  return {
    pattern: DELIVERIES_PATTERN,
    stream: STREAM_DELIVERY,
    durable: nodeDeliveryConsumer(node),
    filterSubject: deliveryFilter(node),
    sequenceBy: (msg) => msg.headers?.get(HEADER_SENDER) || undefined,
  };
}
