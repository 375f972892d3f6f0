import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HeartbeatApp, heartbeatFrom, type ConsumerLagFigures, type Heartbeat } from '#contracts';
import { LOGGER, MetricsService, PeriodicTask, counterBy, counterTotal, softwareVersion } from '#runtime';
import { NodeSigner, sealHeartbeat } from '#trust';
import type { Logger } from 'pino';
import { Clock } from '../common/clock.js';
import { IdGenerator } from '../common/id-generator.js';
import { NodeConfig } from '../config/node.config.js';
import { OutboxRepository } from '../outbox/outbox.repository.js';
import { HeartbeatRepository } from './heartbeat.repository.js';

/**
 * The node's signed heartbeat, every NODE_HEARTBEAT_MS on `bl.hb.<node>`: its outbox, its delivery
 * consumer's lag (also on the bl_consumer_* gauges), its last delivery taken in and the counts its
 * metrics already keep. It runs beside everything else and holds nothing up: a beat that fails
 * (the link down) is logged and the next one tries again.
 */
@Injectable()
export class NodeHeartbeatService implements OnApplicationBootstrap, OnModuleDestroy {
  /** This process's id in its heartbeats, for its whole life. */
  readonly instance: string;
  private readonly started: Date;
  private readonly task: PeriodicTask;

  constructor(
    private readonly repository: HeartbeatRepository,
    private readonly outbox: OutboxRepository,
    private readonly metrics: MetricsService,
    private readonly signer: NodeSigner,
    private readonly config: NodeConfig,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.instance = ids.next();
    this.started = clock.now();
    this.task = new PeriodicTask(
      config.NODE_HEARTBEAT_MS,
      async () => {
        await this.beat();
      },
      (error) => this.logger.warn({ err: error, node: config.NODE_ID }, 'heartbeat not published'),
    );
  }

  onApplicationBootstrap(): void {
    this.task.start();
  }

  // Before the connection drains (onApplicationShutdown), so no beat is left half sent.
  async onModuleDestroy(): Promise<void> {
    await this.task.stop();
  }

  /**
   * Reads the figures and publishes one heartbeat, sent now by the clock; returns it. The consumer's
   * lag, when it cannot be read (the link down, the consumer not provisioned yet), is left out.
   * @throws what publishing throws (no connection yet, a closed one).
   */
  async beat(): Promise<Heartbeat> {
    const consumers = await this.consumerLag();
    const now = this.clock.now();
    const lastDelivery = this.metrics.lastDeliveredAt();
    const heartbeat = heartbeatFrom({
      id: this.ids.next(),
      sender: this.config.NODE_ID,
      sent: now,
      instance: this.instance,
      app: HeartbeatApp.NODE,
      version: softwareVersion(),
      started: this.started,
      intervalMs: this.config.NODE_HEARTBEAT_MS,
      outbox: this.outbox.backlog(now),
      consumers,
      ...(lastDelivery === undefined ? {} : { lastDelivery }),
      counters: {
        // What the ingress stream took of this node's messages, and what the hub refused of them.
        accepted: await counterTotal(this.metrics.published),
        rejected: await counterBy(this.metrics.rejected, 'reason'),
        delivered: await counterTotal(this.metrics.delivered),
        deadLettered: await counterTotal(this.metrics.deadLettered),
      },
    });
    this.repository.publish(sealHeartbeat(this.signer, heartbeat));
    return heartbeat;
  }

  private async consumerLag(): Promise<ConsumerLagFigures[]> {
    try {
      const lag = await this.repository.ownLag(this.config.NODE_ID);
      this.metrics.recordConsumerLag([lag]);
      return [lag];
    } catch (error) {
      this.logger.warn({ err: error, node: this.config.NODE_ID }, 'delivery consumer lag not read');
      return [];
    }
  }
}
