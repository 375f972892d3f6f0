import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import { PermanentFailure } from '#messaging';
import { EpochMarker, MetricsService, REDIS, RebuildWatch, LOGGER } from '#runtime';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { NodeConfig } from '../config/node.config.js';
import { DeliveriesService } from '../deliveries/deliveries.service.js';
import { RebuildConsumerRepository } from './rebuild-consumer.repository.js';
import { nodeEpochKey } from './rebuild.keys.js';

/**
 * Keeps this node's Redis state whole: at start and every few seconds it checks the epoch marker,
 * and when it is missing (Redis wiped or new) reads every delivery still in BL_DELIVERY again
 * through the rebuild consumer the hub provides, takes each in as the live consumer would but
 * without answering (the inbox, sent state, release records and group views are idempotent, so what
 * the live consumer handles meanwhile is taken in once), then writes the marker.
 */
@Injectable()
export class RebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly epoch: EpochMarker;
  private readonly watch: RebuildWatch;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: NodeConfig,
    private readonly rebuildConsumer: RebuildConsumerRepository,
    private readonly deliveries: DeliveriesService,
    metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const key = nodeEpochKey(config.NODE_ID);
    this.epoch = new EpochMarker(redis, key);
    this.watch = new RebuildWatch({
      isWhole: async () => !this.rebuildConsumer.isConnected() || (await this.epoch.isCurrent()),
      rebuild: () => this.rebuild(),
      rebuilding: metrics.rebuilding,
      onError: (error) => this.logger.warn({ err: error }, 'state rebuild failed; retrying'),
    });
  }

  // Not awaited: a node starts (and serves its API) without a link to the hub.
  onApplicationBootstrap(): void {
    void this.watch.start();
  }

  onApplicationShutdown(): void {
    this.watch.stop();
  }

  private async rebuild(): Promise<void> {
    const started = Date.now();
    this.logger.warn('node state missing in Redis; rebuilding from its deliveries');
    const run = await this.epoch.begin();
    const consumer = await this.rebuildConsumer.open(this.config.NODE_ID);
    const read = await this.rebuildConsumer.readAll(consumer, (msg) => this.takeIn(msg));
    if (!(await this.epoch.complete(run, new Date(started)))) {
      // Wiped again meanwhile: the next check starts over, on a fresh consumer.
      this.logger.warn('Redis was wiped again during the rebuild');
      return;
    }
    this.logger.warn(
      { deliveries: read, ms: Date.now() - started },
      'node state rebuilt from its deliveries',
    );
  }

  private async takeIn(msg: JsMsg): Promise<void> {
    try {
      await this.deliveries.handle(
        { subject: msg.subject, body: msg.data, header: (name) => msg.headers?.get(name) || undefined },
        { sendReceipts: false },
      );
      msg.ack();
    } catch (error) {
      if (!(error instanceof PermanentFailure)) {
        msg.nak();
        throw error;
      }
      // The live consumer dead-letters its own copy; here it only must not stop the rebuild.
      this.logger.warn(
        { subject: msg.subject, err: error },
        'delivery skipped in rebuild: cannot be handled',
      );
      msg.term();
    }
  }
}
