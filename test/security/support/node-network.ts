// A hub and some agency nodes in-process on the secured NATS (test/support/in-process-network.ts),
// with an operator's view of the streams and the nodes' REST APIs, for the file's tests.
import { jetstream, jetstreamManager, type JetStreamManager, type StoredMsg } from '@nats-io/jetstream';
import { headers as natsHeaders, type NatsConnection } from '@nats-io/transport-node';
import { STREAM_DEAD_LETTER, STREAM_DELIVERY, deadLetterSubject, nodeDeliveryConsumer } from '#contracts';
import { DEAD_LETTER_HEADERS } from '#messaging';
import type { FixtureNode } from '#node/testing';
import { waitFor } from '#testing';
import { startInProcessNetwork, type InProcessNetwork } from '../../support/in-process-network.js';
import { storedMessages } from '../../support/secured-nats.js';

export interface NodeNetwork {
  network: InProcessNetwork;
  operator: NatsConnection;
  jsm: JetStreamManager;
  /** Calls `node`'s REST API and reads its JSON answer. */
  call<T>(node: FixtureNode, method: string, path: string, body?: unknown): Promise<T>;
  /** The ids in `node`'s inbox. */
  inbox(node: FixtureNode): Promise<string[]>;
  /** Resolves once message `id` is in `node`'s inbox. */
  received(node: FixtureNode, id: string): Promise<void>;
  /**
   * Has the operator put on `node`'s delivery subject a message it cannot read (no envelope), which
   * it dead-letters at once; resolves with its delivery sequence and `node`'s own record of it.
   */
  poison(node: FixtureNode): Promise<{ seq: number; record: StoredMsg }>;
}

/** Starts a hub and `nodes` before the file's tests and stops them after; call the result to reach them. */
export function useNodeNetwork(nodes: readonly FixtureNode[]): () => NodeNetwork {
  let started: NodeNetwork | undefined;
  beforeAll(async () => {
    const network = await startInProcessNetwork();
    await network.startHub();
    for (const node of nodes) await network.startNode(node);
    const operator = await network.operator();
    const call = async <T>(node: FixtureNode, method: string, path: string, body?: unknown): Promise<T> =>
      (await network.call<T>(node, method, path, body)).body;
    const inbox = async (node: FixtureNode) =>
      ((await call<{ items?: { id: string }[] }>(node, 'GET', '/v1/inbox')).items ?? []).map(
        (item) => item.id,
      );
    const received = async (node: FixtureNode, id: string) => {
      await waitFor(async () => ((await inbox(node)).includes(id) ? true : undefined), {
        what: `message ${id} in the inbox of ${node}`,
      });
    };
    const jsm = await jetstreamManager(operator);
    const poison = async (node: FixtureNode) => {
      const { seq } = await jetstream(operator).publish(
        `bl.out.${node}.alert.direct.general`,
        new Uint8Array([1]),
        {
          headers: natsHeaders(),
        },
      );
      const subject = deadLetterSubject(STREAM_DELIVERY, nodeDeliveryConsumer(node));
      const record = await waitFor(
        async () =>
          (await storedMessages(jsm, STREAM_DEAD_LETTER)).find(
            (stored) =>
              stored.subject === subject && stored.header?.get(DEAD_LETTER_HEADERS.sequence) === String(seq),
          ),
        { what: `the dead-letter record ${node} files of delivery ${seq}` },
      );
      return { seq, record };
    };
    started = { network, operator, jsm, call, inbox, received, poison };
  });
  afterAll(async () => {
    await started?.operator.drain();
    await started?.network.stop();
  });
  return () => {
    if (started === undefined) throw new Error('the node network is not started');
    return started;
  };
}
