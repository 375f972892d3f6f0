// Hubs in-process on a real NATS running the configuration `borderlink nats-config` generates for a
// temporary registry with fresh keys (authentication and permissions on), and Redis, where the hubs
// share the hub's least-privilege user. Each hub connects with its own nkey; each node publishes with its own credentials; an operator user (an
// operator key given to the generator) inspects the streams and can inject what no node may publish.
import type { INestApplication } from '@nestjs/common';
import { jetstreamManager, type JetStreamManager, type PubAck, type StoredMsg } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { HEADER_ID, STREAM_DELIVERY, decodeMessage } from '#contracts';
import {
  addRedisAppUser,
  startRedis,
  waitFor,
  type NatsServerHandle,
  type RedisServerHandle,
} from '#testing';
import { createTestParties, type NodeMessage, type TestParties } from '#hub/testing';
import {
  NodeConnections,
  bootHub,
  connectAs,
  generateOperatorKey,
  ingressProcessed,
  publishOn,
  startSecuredNats,
  storedMessages,
  writeHubFiles,
  type Publication,
} from './secured-nats.js';

export interface HubTestEnv {
  parties: TestParties;
  /** The secured server's client URL (authentication required). */
  natsUrl: string;
  /** The registry file the hubs read (and reload when it changes). */
  registryFile: string;
  /** The operator's JetStream manager (full access). */
  jsm: JetStreamManager;
  /** Each node's own connection, authenticated with its own seed. */
  nodes: NodeConnections;
  /** The operator's connection: may publish anywhere, so it can inject what NATS refuses to nodes. */
  operator: NatsConnection;
  /** The operator's nkey seed, for tools that take a seed file (`borderlink audit`, `dlq`). */
  operatorSeed: string;
  /** Boots one more hub instance in this process on the shared durable consumer. */
  startHub(overrides?: Record<string, string>): Promise<INestApplication>;
  /**
   * Publishes as a node would, with the credentials of the node its ingress subject names:
   * `Nats-Msg-Id` = the message's id unless given.
   */
  publish(message: NodeMessage, msgId?: string): Promise<PubAck>;
  /** Publishes as a node would, and resolves once the hub has acked it (decided and carried out). */
  send(message: NodeMessage): Promise<PubAck>;
  /** Publishes through the operator connection, past the server's per-node permissions. */
  inject(message: Publication): Promise<PubAck>;
  /** Resolves once the hub has acked every ingress message up to `seq`. */
  processed(seq: number): Promise<void>;
  /** Every message in `stream`, oldest first. */
  stored(stream: string): Promise<StoredMsg[]>;
  /** Every message in BL_DELIVERY, oldest first. */
  deliveries(): Promise<StoredMsg[]>;
  /** The decoded Rejection delivered to `node` for message `id`, once it is there. */
  rejectionFor(node: string, id: string): Promise<ReturnType<typeof decodeMessage<'rejection'>>>;
  stop(): Promise<void>;
}

/** Starts NATS and Redis for `parties` (createTestParties() by default); hubs start with `startHub`. */
export async function startHubTestEnv(parties: TestParties = createTestParties()): Promise<HubTestEnv> {
  const operatorKey = generateOperatorKey();
  const [nats, redis]: [NatsServerHandle, RedisServerHandle] = await Promise.all([
    startSecuredNats(parties.registry, { operatorKeys: [operatorKey.publicKey] }),
    startRedis(),
  ]);
  const files = await writeHubFiles(parties.registry, parties.seeds.get('hub') ?? '');
  const hubRedisUrl = await addRedisAppUser(redis.url, { kind: 'hub' });

  const operator = await connectAs(nats.url, 'operator', operatorKey.seed);
  const jsm = await jetstreamManager(operator);
  const nodes = new NodeConnections(nats.url, (node) => parties.seeds.get(node));
  const hubs: INestApplication[] = [];

  const startHub = async (overrides: Record<string, string> = {}) => {
    const app = await bootHub(files, nats.url, hubRedisUrl, overrides);
    hubs.push(app);
    return app;
  };

  const publish = (message: NodeMessage, msgId = message.id) =>
    nodes.publish({
      subject: message.subject,
      headers: Object.entries(message.headers),
      body: message.body,
      msgId,
    });

  const processed = (seq: number) => ingressProcessed(jsm, seq);

  const send = async (message: NodeMessage) => {
    const ack = await publish(message);
    await processed(ack.seq);
    return ack;
  };

  const inject = (message: Publication) => publishOn(operator, message);

  const stored = (stream: string) => storedMessages(jsm, stream);

  const deliveries = () => stored(STREAM_DELIVERY);

  const rejectionFor = (node: string, id: string) =>
    waitFor(
      async () => {
        const subject = `bl.out.${node}.rejection.direct.general`;
        const found = (await deliveries())
          .filter((message) => message.subject === subject)
          .map((message) => decodeMessage('rejection', message.data))
          .find((rejection) => rejection.message === id);
        return found;
      },
      { what: `a rejection of ${id} for ${node}` },
    );

  const stop = async () => {
    await Promise.all(hubs.map((app) => app.close()));
    await nodes.close();
    await operator.drain();
    await Promise.all([nats.stop(), redis.stop()]);
    await files.remove();
  };

  return {
    parties,
    natsUrl: nats.url,
    registryFile: files.registryFile,
    jsm,
    nodes,
    operator,
    operatorSeed: operatorKey.seed,
    startHub,
    publish,
    send,
    inject,
    processed,
    stored,
    deliveries,
    rejectionFor,
    stop,
  };
}

/** The copies of message `id` in `messages` (deliveries of its kind carrying its Bl-Id). */
export function copiesOf(messages: readonly StoredMsg[], id: string, kind: string): StoredMsg[] {
  return messages.filter(
    (message) => message.subject.split('.')[3] === kind && message.header?.get(HEADER_ID) === id,
  );
}

/** The nodes that received a copy of message `id` of `kind` in `deliveries`, sorted. */
export function receiversOf(deliveries: readonly StoredMsg[], id: string, kind: string): string[] {
  return copiesOf(deliveries, id, kind)
    .map((message) => message.subject.split('.')[2]!)
    .sort();
}
