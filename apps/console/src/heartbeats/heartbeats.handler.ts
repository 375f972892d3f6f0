import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { Msg, Subscription } from '@nats-io/transport-node';
import { HEARTBEAT_WILDCARD } from '#contracts';
import { NatsConnectionService } from '#messaging';
import { RegistryIndex, hubKeysOf, validationContextOf } from '#registry';
import { LOGGER } from '#runtime';
import { HeartbeatError, SignatureVerifier, openHeartbeat, type HubKeys } from '#trust';
import type { Logger } from 'pino';
import { Clock } from '../core/clock.js';
import { HeartbeatMetrics } from './heartbeat.metrics.js';
import { HeartbeatsService } from './heartbeats.service.js';
import { instanceBeatOf } from './instance-beat.js';

/**
 * Transport edge of `bl.hb.>` (core NATS, as the operator user): each heartbeat is believed only if
 * its sender's registered key signed it (openHeartbeat); one that is not is counted and dropped, and
 * nothing a heartbeat carries can stop the subscription.
 */
@Injectable()
export class HeartbeatsHandler implements OnApplicationBootstrap, OnApplicationShutdown {
  private subscription: Subscription | undefined;
  private readonly keys: HubKeys;

  constructor(
    private readonly nats: NatsConnectionService,
    private readonly registry: RegistryIndex,
    signatures: SignatureVerifier,
    private readonly heartbeats: HeartbeatsService,
    private readonly metrics: HeartbeatMetrics,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.keys = hubKeysOf(registry, signatures);
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.nats.ready();
    this.subscription = this.nats.connection.subscribe(HEARTBEAT_WILDCARD, {
      callback: (error, msg) => {
        if (error === null) this.handle(msg);
      },
    });
  }

  onApplicationShutdown(): void {
    this.subscription?.unsubscribe();
  }

  private handle(msg: Msg): void {
    const now = this.clock.now();
    try {
      const { heartbeat } = openHeartbeat(
        msg.subject,
        (name) => msg.headers?.get(name) || undefined,
        msg.data,
        this.keys,
        validationContextOf(this.registry, now),
      );
      this.heartbeats.take(instanceBeatOf(heartbeat, now));
    } catch (error) {
      const reason = error instanceof HeartbeatError ? error.reason : 'error';
      this.metrics.refused(reason);
      const log = error instanceof HeartbeatError ? this.logger.debug : this.logger.warn;
      log.call(this.logger, { subject: msg.subject, reason, err: error }, 'heartbeat dropped');
    }
  }
}
