import { deliveryFilter, nodeDeliveryConsumer, STREAM_DELIVERY } from '#contracts';
import type { ConsumerSpec } from '#messaging';

/** The `@EventPattern` of the handler of this node's deliveries. */
export const DELIVERIES_PATTERN = 'deliveries';

/** The node's durable consumer `node-<id>` on BL_DELIVERY, reading `bl.out.<id>.>` only. */
export function deliveriesConsumer(node: string): ConsumerSpec {
  return {
    pattern: DELIVERIES_PATTERN,
    stream: STREAM_DELIVERY,
    durable: nodeDeliveryConsumer(node),
    filterSubject: deliveryFilter(node),
  };
}
