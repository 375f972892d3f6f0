import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { JsMsg } from '@nats-io/jetstream';
import { nodeEpochKey, rebuildRunKey } from '#contracts';
import { PermanentFailure } from '#messaging';
import { EpochMarker, MetricsService, REDIS } from '#runtime';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { LOGGER } from '../common/logger.token.js';
import { NodeConfig } from '../config/node.config.js';
import { DeliveriesService } from '../deliveries/deliveries.service.js';
import { RebuildConsumerLink } from './rebuild-consumer.link.js';

// FLUSHALL does not disconnect clients, so a wipe is noticed only by looking: an EXISTS this often.
const CHECK_INTERVAL_MS = 2_000;

/**
 * Keeps this node's Redis state whole: at start and every few seconds it checks the epoch marker,
 * and when it is missing (Redis wiped or new) reads every delivery still in BL_DELIVERY again
 * through the rebuild consumer the hub provides, takes each in as the live consumer would but
 * without answering (the inbox, sent state, release records and group views are idempotent, so what
 * the live consumer handles meanwhile is taken in once), then writes the marker.
 */
@Injectable()
export class NodeRebuildService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly epoch: EpochMarker;
  private running: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: NodeConfig,
    private readonly link: RebuildConsumerLink,
    private readonly deliveries: DeliveriesService,
    private readonly metrics: MetricsService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    const key = nodeEpochKey(config.NODE_ID);
    this.epoch = new EpochMarker(redis, key, (run) => rebuildRunKey(key, run));
  }

  // Not awaited: a node starts (and serves its API) without a link to the hub.
  onApplicationBootstrap(): void {
    const check = () => {
      this.ensure().catch((error: unknown) =>
        this.logger.warn({ err: error }, 'state rebuild failed; retrying'),
      );
    };
    check();
    this.timer = setInterval(check, CHECK_INTERVAL_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /** Rebuilds unless the state is whole (or NATS is out of reach); concurrent calls share one run. */
  ensure(): Promise<void> {
    this.running ??= this.rebuildIfLost().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  private async rebuildIfLost(): Promise<void> {
    if (!this.link.isConnected() || (await this.epoch.isCurrent())) return;
    this.metrics.rebuilding.set(1);
    try {
      await this.rebuild();
    } finally {
      this.metrics.rebuilding.set(0);
    }
  }

  private async rebuild(): Promise<void> {
    const started = Date.now();
    this.logger.warn('node state missing in Redis; rebuilding from its deliveries');
    const run = await this.epoch.begin();
    const consumer = await this.link.open(this.config.NODE_ID);
    const read = await this.link.readAll(consumer, (msg) => this.takeIn(msg));
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
        // Restoring: what it re-reads was answered and announced before Redis was lost.
        { sendReceipts: false, announce: false },
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
