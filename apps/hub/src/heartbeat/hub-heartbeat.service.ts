import { Inject, Injectable, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import { HeartbeatApp, heartbeatFrom, type ConsumerLagFigures, type Heartbeat } from '#contracts';
import { RegistryIndex } from '#registry';
import { LOGGER, MetricsService, PeriodicTask, counterBy, counterTotal, softwareVersion } from '#runtime';
import { NodeSigner, sealHeartbeat } from '#trust';
import type { Logger } from 'pino';
import { v7 as uuidv7 } from 'uuid';
import { HubConfig } from '../config/hub.config.js';
import { DeadLetterMetrics } from '../dead-letters/dead-letter.metrics.js';
import { receivingNodes } from '../provisioning/node-consumers.js';
import { HeartbeatRepository } from './heartbeat.repository.js';

/**
 * This hub instance's signed heartbeat, every HUB_HEARTBEAT_MS on `bl.hb.<hub>`: the lag of every
 * node's delivery consumer (also set on the bl_consumer_* gauges) and the counts the hub's metrics
 * already keep. It runs beside the pipeline and never holds it up: a beat that fails is logged and
 * the next one tries again.
 */
@Injectable()
export class HubHeartbeatService implements OnApplicationBootstrap, OnModuleDestroy {
  /** This process's id in its heartbeats, for its whole life. */
  readonly instance = uuidv7();
  private readonly started = new Date();
  private readonly task: PeriodicTask;

  constructor(
    private readonly repository: HeartbeatRepository,
    private readonly metrics: MetricsService,
    private readonly deadLetters: DeadLetterMetrics,
    private readonly registry: RegistryIndex,
    private readonly signer: NodeSigner,
    private readonly config: HubConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.task = new PeriodicTask(
      config.HUB_HEARTBEAT_MS,
      async () => {
        await this.beat(new Date());
      },
      (error) => this.logger.warn({ err: error, node: config.HUB_ID }, 'heartbeat not published'),
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
   * Reads the figures and publishes one heartbeat sent at `now`; returns it. Consumer lag that cannot
   * be read is left out (the heartbeat still says the hub is up).
   * @throws what publishing throws (no connection yet, a closed one).
   */
  async beat(now: Date): Promise<Heartbeat> {
    const consumers = await this.consumerLag();
    const lastDelivery = this.metrics.lastDeliveredAt();
    const heartbeat = heartbeatFrom({
      id: uuidv7(),
      sender: this.config.HUB_ID,
      sent: now,
      instance: this.instance,
      app: HeartbeatApp.HUB,
      version: softwareVersion(),
      started: this.started,
      intervalMs: this.config.HUB_HEARTBEAT_MS,
      consumers,
      ...(lastDelivery === undefined ? {} : { lastDelivery }),
      counters: {
        accepted: await counterTotal(this.metrics.accepted),
        rejected: await counterBy(this.metrics.rejected, 'reason'),
        delivered: await counterTotal(this.metrics.delivered),
        // Records the hub wrote from advisories, and those its own consumers filed.
        deadLettered:
          (await this.deadLetters.writtenTotal()) + (await counterTotal(this.metrics.deadLettered)),
      },
    });
    this.repository.publish(sealHeartbeat(this.signer, heartbeat));
    return heartbeat;
  }

  private async consumerLag(): Promise<ConsumerLagFigures[]> {
    try {
      const lags = await this.repository.deliveryLag(receivingNodes(this.registry.nodes()));
      this.metrics.recordConsumerLag(lags);
      return lags;
    } catch (error) {
      this.logger.warn({ err: error, node: this.config.HUB_ID }, 'delivery consumer lag not read');
      return [];
    }
  }
}
