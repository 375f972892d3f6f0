import { HeartbeatApp, type ConsumerLagFigures } from '#contracts';
import { hubKeysOf, validationContextOf } from '#registry';
import { MetricsService } from '#runtime';
import { openHeartbeat, type SealedHeartbeat } from '#trust';
import { pino } from 'pino';
import { createTestParties } from '../../test/hub.fixtures.js';
import type { HubConfig } from '../config/hub.config.js';
import type { DeadLetterMetrics } from '../dead-letters/dead-letter.metrics.js';
import type { HeartbeatRepository } from './heartbeat.repository.js';
import { HubHeartbeatService } from './hub-heartbeat.service.js';

const parties = createTestParties();
// Read after each service is made, so its start is never after a beat's sent time.
let NOW = new Date();

/** The repository's part the service uses: consumer lag it answers, heartbeats it keeps. */
class FakeHeartbeats {
  readonly published: SealedHeartbeat[] = [];
  asked: readonly string[] = [];
  lagFails = false;

  deliveryLag(nodes: readonly string[]): Promise<ConsumerLagFigures[]> {
    this.asked = nodes;
    if (this.lagFails) return Promise.reject(new Error('JetStream did not answer'));
    return Promise.resolve([
      { consumer: 'node-tj-border', node: 'tj-border', pending: 7, ackPending: 2, redelivered: 1 },
    ]);
  }

  publish(sealed: SealedHeartbeat): void {
    this.published.push(sealed);
  }
}

function setUp() {
  const repository = new FakeHeartbeats();
  const metrics = new MetricsService({ service: 'hub', nats: 'unused' });
  const deadLetters = { writtenTotal: () => Promise.resolve(2) } as unknown as DeadLetterMetrics;
  const config = { HUB_ID: 'hub', HUB_HEARTBEAT_MS: 10_000 } as HubConfig;
  const service = new HubHeartbeatService(
    repository as unknown as HeartbeatRepository,
    metrics,
    deadLetters,
    parties.index,
    parties.signer('hub'),
    config,
    pino({ level: 'silent' }),
  );
  NOW = new Date();
  return { repository, metrics, service };
}

function opened(sealed: SealedHeartbeat) {
  const context = validationContextOf(parties.index, NOW);
  return openHeartbeat(
    sealed.subject,
    (name) => sealed.headers[name],
    sealed.body,
    hubKeysOf(parties.index),
    context,
  ).heartbeat;
}

describe('HubHeartbeatService', () => {
  it("publishes a heartbeat signed with the hub's key, with every node consumer's lag and the hub's counts", async () => {
    const { repository, metrics, service } = setUp();
    metrics.accepted.inc({ kind: 'alert' }, 4);
    metrics.rejected.inc({ reason: 'STALE' }, 2);
    metrics.recordDelivered('alert', 3, new Date(NOW.getTime() - 5_000));
    metrics.deadLettered.inc({ stream: 'BL_INGRESS', consumer: 'hub-ingress' });

    await service.beat(NOW);

    expect(repository.asked).toEqual(expect.arrayContaining(['tj-border', 'kz-border']));
    expect(repository.asked).not.toContain('hub');
    const [sealed] = repository.published;
    expect(sealed?.subject).toBe('bl.hb.hub');
    const heartbeat = opened(sealed!);
    expect(heartbeat).toMatchObject({
      sender: 'hub',
      instance: service.instance,
      app: HeartbeatApp.HUB,
      intervalMs: 10_000,
      consumers: [
        expect.objectContaining({
          consumer: 'node-tj-border',
          node: 'tj-border',
          pending: 7n,
          ackPending: 2n,
        }),
      ],
      counters: expect.objectContaining({
        accepted: 4n,
        rejected: { STALE: 2n },
        delivered: 3n,
        deadLettered: 3n,
      }),
    });
    expect(heartbeat.outbox).toBeUndefined();
    expect(Number(heartbeat.lastDelivery?.seconds)).toBe(Math.floor((NOW.getTime() - 5_000) / 1000));
  });

  it('sets the consumer lag gauges on its metrics', async () => {
    const { metrics, service } = setUp();
    await service.beat(NOW);
    const text = await metrics.registry.metrics();
    expect(text).toContain('bl_consumer_pending{consumer="node-tj-border",node="tj-border",service="hub"} 7');
    expect(text).toContain(
      'bl_consumer_ack_pending{consumer="node-tj-border",node="tj-border",service="hub"} 2',
    );
    expect(text).toContain(
      'bl_consumer_redelivered{consumer="node-tj-border",node="tj-border",service="hub"} 1',
    );
  });

  it('still publishes, without lag, when the consumers cannot be read', async () => {
    const { repository, service } = setUp();
    repository.lagFails = true;
    await service.beat(NOW);
    expect(opened(repository.published[0]!).consumers).toEqual([]);
  });

  it('keeps its instance id from beat to beat', async () => {
    const { repository, service } = setUp();
    await service.beat(NOW);
    await service.beat(new Date(NOW.getTime() + 10_000));
    const [first, second] = repository.published.map(opened);
    expect(first!.instance).toBe(second!.instance);
    expect(first!.id).not.toBe(second!.id);
  });
});
