import { HeartbeatApp, RejectionReason, type ConsumerLagFigures, type ValidationContext } from '#contracts';
import { MetricsService } from '#runtime';
import { NodeSigner, SignatureVerifier, generateNodeKey, openHeartbeat, type SealedHeartbeat } from '#trust';
import { pino } from 'pino';
import type { Clock } from '../common/clock.js';
import { IdGenerator } from '../common/id-generator.js';
import type { NodeConfig } from '../config/node.config.js';
import type { OutboxRepository } from '../outbox/outbox.repository.js';
import type { HeartbeatRepository } from './heartbeat.repository.js';
import { NodeHeartbeatService } from './node-heartbeat.service.js';

const signer = NodeSigner.fromSeed(generateNodeKey().seed);
const START = new Date('2026-12-04T08:00:00Z');

/** The repository's part the service uses: its consumer's lag, the heartbeats it keeps. */
class FakeHeartbeats {
  readonly published: SealedHeartbeat[] = [];
  lag: ConsumerLagFigures | undefined = {
    consumer: 'node-tj-border',
    node: 'tj-border',
    pending: 4,
    ackPending: 1,
    redelivered: 0,
  };

  ownLag(): Promise<ConsumerLagFigures> {
    return this.lag === undefined ? Promise.reject(new Error('not connected')) : Promise.resolve(this.lag);
  }

  publish(sealed: SealedHeartbeat): void {
    this.published.push(sealed);
  }
}

function setUp() {
  let now = START;
  const clock: Clock = { now: () => now };
  const repository = new FakeHeartbeats();
  const metrics = new MetricsService({ service: 'node', nats: 'unused' });
  const outbox = { backlog: (at: Date) => ({ depth: 2, oldestAgeMs: at.getTime() - START.getTime() }) };
  const service = new NodeHeartbeatService(
    repository as unknown as HeartbeatRepository,
    outbox as unknown as OutboxRepository,
    metrics,
    signer,
    { NODE_ID: 'tj-border', NODE_HEARTBEAT_MS: 5_000 } as NodeConfig,
    clock,
    new IdGenerator(signer.ids),
    pino({ level: 'silent' }),
  );
  const move = (ms: number) => (now = new Date(now.getTime() + ms));
  return { repository, metrics, service, move, clock };
}

function opened(sealed: SealedHeartbeat, now: Date) {
  const context: ValidationContext = {
    now,
    knownRegion: () => false,
    knownSection: () => false,
    knownCrossingPoint: () => false,
    knownNode: (id) => id === 'tj-border',
  };
  const keys = {
    signatures: new SignatureVerifier((node) => (node === 'tj-border' ? [signer.publicKey] : [])),
    isHub: () => false,
  };
  return openHeartbeat(sealed.subject, (name) => sealed.headers[name], sealed.body, keys, context).heartbeat;
}

describe('NodeHeartbeatService', () => {
  it("publishes the node's signed heartbeat: outbox, own consumer's lag, last delivery, counts", async () => {
    const { repository, metrics, service, move, clock } = setUp();
    metrics.published.inc({ kind: 'alert' }, 5);
    metrics.rejected.inc({ reason: RejectionReason[RejectionReason.INVALID] });
    metrics.recordDelivered('alert', 1, move(1_000));
    metrics.deadLettered.inc({ stream: 'BL_DELIVERY', consumer: 'node-tj-border' });
    move(2_000);

    await service.beat();

    const [sealed] = repository.published;
    expect(sealed?.subject).toBe('bl.hb.tj-border');
    const heartbeat = opened(sealed!, clock.now());
    expect(heartbeat).toMatchObject({
      sender: 'tj-border',
      app: HeartbeatApp.NODE,
      intervalMs: 5_000,
      outbox: expect.objectContaining({ depth: 2n, oldestAgeMs: 3_000n }),
      consumers: [expect.objectContaining({ consumer: 'node-tj-border', pending: 4n, ackPending: 1n })],
      lastDelivery: expect.objectContaining({ seconds: BigInt((START.getTime() + 1_000) / 1000) }),
      counters: expect.objectContaining({
        accepted: 5n,
        rejected: { INVALID: 1n },
        delivered: 1n,
        deadLettered: 1n,
      }),
    });
    expect(await metrics.registry.getSingleMetricAsString('bl_consumer_pending')).toContain(
      'bl_consumer_pending{consumer="node-tj-border",node="tj-border",service="node"} 4',
    );
  });

  it('says it is alive while its consumer cannot be read, without lag', async () => {
    const { repository, service, clock } = setUp();
    repository.lag = undefined;
    await service.beat();
    expect(opened(repository.published[0]!, clock.now()).consumers).toEqual([]);
  });
});
