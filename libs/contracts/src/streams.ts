// Stream and consumer names. Changing one needs a migration (streams are the log of record).

export const STREAM_INGRESS = 'BL_INGRESS';
export const STREAM_DELIVERY = 'BL_DELIVERY';
export const STREAM_AUDIT = 'BL_AUDIT';
export const STREAM_DEAD_LETTER = 'BL_DLQ';

/** The hub's shared durable consumer on the ingress stream: every hub instance pulls from it. */
export const CONSUMER_HUB_INGRESS = 'hub-ingress';

/** The durable consumer through which one node reads its own deliveries. */
export function nodeDeliveryConsumer(node: string): string {
  return `node-${node}`;
}
