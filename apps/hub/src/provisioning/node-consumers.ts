import { nodeDeliveryConsumerAddress } from '#contracts';
import { provisionConsumer, type ConsumerSpec } from '#messaging';
import type { JetStreamManager } from '@nats-io/jetstream';
import type { RegistryNode } from '#registry';

/**
 * The delivery consumer of one node, as the hub provisions it: the node may only bind to it, so its
 * server-side settings are decided here. `pattern` is unused when provisioning.
 */
export function nodeDeliveryConsumerSpec(node: string): ConsumerSpec {
  const address = nodeDeliveryConsumerAddress(node);
  return { pattern: address.durable, ...address };
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
