import { STREAM_DELIVERY, deliveryFilter, nodeDeliveryConsumer } from '#contracts';
import { provisionConsumer, type ConsumerSpec } from '#messaging';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { RegistryNode } from '#registry';

/**
 * The durable consumer `node-<id>` on BL_DELIVERY through which one node reads `bl.out.<id>.>`.
 * The node may only bind to it (its permissions allow consumer info, pull and ack), so its
 * server-side settings are decided here, by the hub. `pattern` is unused when provisioning.
 */
export function nodeDeliveryConsumerSpec(node: string): ConsumerSpec {
  const durable = nodeDeliveryConsumer(node);
  return { pattern: durable, stream: STREAM_DELIVERY, durable, filterSubject: deliveryFilter(node) };
}

/** The registry nodes that receive deliveries: every node but the hub. */
export function receivingNodes(nodes: readonly RegistryNode[]): string[] {
  return nodes.filter((node) => node.kind !== 'hub').map((node) => node.id);
}

/**
 * Creates (or brings to its declared configuration) the delivery consumer of each node; leaves
 * matching ones alone, so every hub instance runs it at every start. Consumers of nodes removed
 * from the registry are left in place (deleting one would drop its undelivered messages).
 * @throws ProvisioningError naming the first consumer that could not be provisioned.
 */
export async function provisionNodeConsumers(
  manager: JetStreamManager,
  nodes: readonly string[],
): Promise<void> {
  for (const node of nodes) await provisionConsumer(manager, nodeDeliveryConsumerSpec(node));
}
