import { jetstream, jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import { connect, type NatsConnection } from '@nats-io/transport-node';
import { provisionStreams, ProvisioningError, type StreamSpec } from '#messaging';
import { startNats, startNatsCluster, waitFor, type NatsClusterHandle } from '#testing';

const STREAM: StreamSpec = { name: 'CLUSTERED', subjects: ['clustered.>'], replicas: 3 };

/** The server that leads `stream`, once one is elected. */
async function leaderOf(jsm: JetStreamManager, stream: string): Promise<string> {
  return waitFor(async () => (await jsm.streams.info(stream)).cluster?.leader, {
    timeoutMs: 20_000,
    what: `a leader for stream ${stream}`,
  });
}

describe('startNatsCluster', () => {
  let cluster: NatsClusterHandle;
  let nc: NatsConnection;
  let jsm: JetStreamManager;

  beforeAll(async () => {
    cluster = await startNatsCluster();
    nc = await connect({ servers: cluster.members.map((member) => member.url), maxReconnectAttempts: -1 });
    jsm = await jetstreamManager(nc);
  });

  afterAll(async () => {
    await nc?.close();
    await cluster?.stop();
  });

  it('starts three routed JetStream servers that hold a stream with three replicas', async () => {
    await provisionStreams(jsm, [STREAM]);

    const info = await jsm.streams.info(STREAM.name);
    expect(info.config.num_replicas).toBe(3);
    const holders = [info.cluster?.leader, ...(info.cluster?.replicas ?? []).map((replica) => replica.name)];
    expect(holders.sort()).toEqual(cluster.members.map((member) => member.serverName).sort());
  });

  it('keeps every acknowledged message when the stream leader is killed mid-publish', async () => {
    await provisionStreams(jsm, [STREAM]);
    const js = jetstream(nc);
    const leader = cluster.member(await leaderOf(jsm, STREAM.name));
    const acknowledged = new Set<number>();
    const publishOne = async (i: number): Promise<void> => {
      // Retried with the same id: the stream's duplicate window stores it at most once.
      await waitFor(() => js.publish('clustered.msg', `m${i}`, { msgID: `m${i}`, timeout: 2_000 }), {
        timeoutMs: 30_000,
        what: `the ack of message ${i}`,
      });
      acknowledged.add(i);
    };

    for (let i = 0; i < 100; i++) await publishOne(i);
    await leader.kill();
    for (let i = 100; i < 200; i++) await publishOne(i);
    await leader.restart();
    await cluster.healthy();

    expect(acknowledged.size).toBe(200);
    const info = await jsm.streams.info(STREAM.name);
    expect(info.state.messages).toBe(200);
    expect(info.cluster?.leader).not.toBe(undefined);
    expect(info.cluster?.replicas?.every((replica) => replica.current)).toBe(true);
  });

  it('raises the replicas of an existing single-replica stream when re-provisioned', async () => {
    const single: StreamSpec = { name: 'GROWN', subjects: ['grown.>'], replicas: 1 };
    await provisionStreams(jsm, [single]);
    await jetstream(nc).publish('grown.msg', 'kept', { msgID: 'grown-1' });

    await provisionStreams(jsm, [{ ...single, replicas: 3 }]);

    const info = await waitFor(
      async () => {
        const current = await jsm.streams.info(single.name);
        return current.cluster?.replicas?.length === 2 && current;
      },
      { timeoutMs: 20_000, what: 'GROWN to have two followers' },
    );
    expect(info.config.num_replicas).toBe(3);
    expect(info.state.messages).toBe(1);
  });
});

describe('stream replicas on a single server', () => {
  it('refuses three replicas with a provisioning error naming the stream', async () => {
    const nats = await startNats();
    const nc = await connect({ servers: nats.url });
    try {
      const error = await provisionStreams(await jetstreamManager(nc), [STREAM]).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ProvisioningError);
      expect((error as ProvisioningError).message).toContain(STREAM.name);
    } finally {
      await nc.close();
      await nats.stop();
    }
  });
});
