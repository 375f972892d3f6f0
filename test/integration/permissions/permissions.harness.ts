// A nats-server running the configuration `borderlink nats-config` generates for a registry, and
// clients that connect to it as one registry identity, the way the hub and nodes do.
import { jetstreamManager } from '@nats-io/jetstream';
import {
  connect,
  nkeyAuthenticator,
  PermissionViolationError,
  type NatsConnection,
} from '@nats-io/transport-node';
import { STREAM_DEFINITIONS } from '#contracts';
import { inboxPrefixOf, provisionStreams } from '#messaging';
import type { Registry } from '#registry';
import { startNats, type NatsServerHandle } from '#testing';
import { natsConfigOf } from '../../../apps/cli/src/nats-config/nats-config.service.js';
import { provisionNodeConsumers, receivingNodes } from '../../../apps/hub/src/provisioning/node-consumers.js';

/** A private nats-server with the registry's generated configuration (authentication on). */
export function startSecuredNats(registry: Registry): Promise<NatsServerHandle> {
  // The harness replaces {{storeDir}} with the server's temporary store.
  return startNats({ config: natsConfigOf(registry, { storeDir: '{{storeDir}}' }).text });
}

/** Connects as the nkey user of `seed`, with the inbox prefix of `identity`, as the apps do. */
export function connectAs(url: string, identity: string, seed: string): Promise<NatsConnection> {
  return connect({
    servers: url,
    name: `test-${identity}`,
    authenticator: nkeyAuthenticator(new TextEncoder().encode(seed)),
    inboxPrefix: inboxPrefixOf(identity),
  });
}

/** What the hub does at start: the streams, then every node's delivery consumer. */
export async function provisionAsHub(hub: NatsConnection, registry: Registry): Promise<void> {
  const manager = await jetstreamManager(hub, { checkAPI: false });
  await provisionStreams(manager, [...STREAM_DEFINITIONS]);
  await provisionNodeConsumers(manager, receivingNodes(registry.nodes));
}

/** The server's refusal in an error or its causes, if that is what it is. */
export function permissionViolation(error: unknown): PermissionViolationError | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth++) {
    if (current instanceof PermissionViolationError) return current;
    current = current.cause;
  }
  return undefined;
}
