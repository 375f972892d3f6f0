// A nats-server running the configuration `borderlink nats-config` generates for a registry, and
// clients that connect to it as one registry identity, the way the hub and nodes do (shared with
// the other integration environments in ../support/secured-nats.ts).
import { jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { STREAM_DEFINITIONS } from '#contracts';
import { provisionStreams } from '#messaging';
import type { Registry } from '#registry';
import { provisionNodeConsumers, receivingNodes } from '#hub';

export { connectAs, permissionViolation, startSecuredNats } from '../../support/secured-nats.js';

/** What the hub does at start: the streams, then every node's delivery consumer. */
export async function provisionAsHub(hub: NatsConnection, registry: Registry): Promise<void> {
  const manager = await jetstreamManager(hub, { checkAPI: false });
  await provisionStreams(manager, [...STREAM_DEFINITIONS]);
  await provisionNodeConsumers(manager, receivingNodes(registry.nodes));
}
