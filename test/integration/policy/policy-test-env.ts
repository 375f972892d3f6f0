// The hub in-process on a spawned NATS running the configuration `borderlink nats-config` generates
// (authentication and permissions on) and Redis, with a registry of many subscribers in a few
// organisations. Each node publishes with its own credentials; an operator user inspects the streams.
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager, type PubAck, type StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HEADER_ID, STREAM_DELIVERY } from '#contracts';
import { RegistryIndex, type Registry, type RegistryNode } from '#registry';
import { startRedis, type NatsServerHandle, type RedisServerHandle } from '#testing';
import { NodeSigner, generateNodeKey } from '#trust';
import type { NodeMessage, TestParties } from '#hub/testing';
import {
  NodeConnections,
  bootHub,
  connectAs,
  generateOperatorKey,
  ingressProcessed,
  startSecuredNats,
  storedMessages,
  writeHubFiles,
} from '../support/secured-nats.js';

/** Subscriber nodes `sub-01` … `sub-22`, all on afghan-border × every category, by organisation. */
export const ORGANISATION_OF_SUBSCRIBER: readonly [string, string][] = Array.from({ length: 22 }, (_, i) => {
  const id = `sub-${String(i + 1).padStart(2, '0')}`;
  return [id, ['org-a', 'org-b', 'org-c', 'org-d'][Math.min(3, Math.floor(i / 5))]!];
});
export const SUBSCRIBERS = ORGANISATION_OF_SUBSCRIBER.map(([id]) => id);

/**
 * `origin` (org-origin) sends; `newcomer` (org-e) subscribes to nothing and only ever gets a message
 * by release. org-a declares org-c within its need to know.
 */
function policyRegistry(): { registry: Registry; seeds: Map<string, string> } {
  const seeds = new Map<string, string>();
  const node = (
    id: string,
    organisation: string,
    subscribed: boolean,
    kind: RegistryNode['kind'] = 'border',
  ) => {
    const key = generateNodeKey();
    seeds.set(id, key.seed);
    const subscriptions = subscribed ? [{ regions: ['afghan-border'], categories: ['*'] }] : [];
    return { id, name: id, kind, organisation, publicKeys: [key.publicKey], subscriptions };
  };
  const registry: Registry = {
    version: 1,
    regions: [{ id: 'afghan-border', name: 'Afghan border' }],
    sections: [],
    crossingPoints: [],
    organisations: [
      { id: 'operator', name: 'Hub operator' },
      { id: 'org-origin', name: 'Originating agency' },
      { id: 'org-a', name: 'Agency A', needToKnow: ['org-c'] },
      ...['org-b', 'org-c', 'org-d', 'org-e'].map((id) => ({ id, name: id })),
    ],
    nodes: [
      node('hub', 'operator', false, 'hub'),
      node('origin', 'org-origin', false),
      node('newcomer', 'org-e', false, 'partner'),
      ...ORGANISATION_OF_SUBSCRIBER.map(([id, organisation]) => node(id, organisation, true)),
    ],
  };
  return { registry, seeds };
}

export interface PolicyTestEnv {
  parties: TestParties;
  jsm: JetStreamManager;
  /** Publishes as a node would, and resolves once the hub has acked it (decided and carried out). */
  send(message: NodeMessage): Promise<PubAck>;
  /** Every message in `stream`, oldest first. */
  stored(stream: string): Promise<StoredMsg[]>;
  stop(): Promise<void>;
}

export async function startPolicyTestEnv(): Promise<PolicyTestEnv> {
  const { registry, seeds } = policyRegistry();
  const operator = generateOperatorKey();
  const [nats, redis]: [NatsServerHandle, RedisServerHandle] = await Promise.all([
    startSecuredNats(registry, { operatorKeys: [operator.publicKey] }),
    startRedis(),
  ]);
  const files = await writeHubFiles(registry, seeds.get('hub') ?? '', 'bl-policy-');
  const signers = new Map([...seeds].map(([id, seed]) => [id, NodeSigner.fromSeed(seed)]));
  const parties: TestParties = {
    registry,
    index: new RegistryIndex(registry),
    seeds,
    signer: (node) => {
      const signer = signers.get(node);
      if (!signer) throw new RangeError(`no test party ${node}`);
      return signer;
    },
  };

  const hub: INestApplication = await bootHub(files, nats.url, redis.url);
  const nc: NatsConnection = await connectAs(nats.url, 'operator', operator.seed);
  const jsm = await jetstreamManager(nc);
  const nodes = new NodeConnections(nats.url, (node) => seeds.get(node));

  const send = async (message: NodeMessage) => {
    const ack = await nodes.publish({
      subject: message.subject,
      headers: Object.entries(message.headers),
      body: message.body,
      msgId: message.id,
    });
    await ingressProcessed(jsm, ack.seq);
    return ack;
  };

  const stored = (stream: string) => storedMessages(jsm, stream);

  const stop = async () => {
    await hub.close();
    await nodes.close();
    await nc.drain();
    await Promise.all([nats.stop(), redis.stop()]);
    await files.remove();
  };

  return { parties, jsm, send, stored, stop };
}

/** The nodes that received a copy of message `id` of `kind` on BL_DELIVERY, sorted. */
export function receiversOf(deliveries: readonly StoredMsg[], id: string, kind: string): string[] {
  return deliveries
    .filter((message) => message.subject.split('.')[3] === kind && message.header?.get(HEADER_ID) === id)
    .map((message) => message.subject.split('.')[2]!)
    .sort();
}

export { STREAM_DELIVERY };
