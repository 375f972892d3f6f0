import { Injectable } from '@nestjs/common';
import type { HealthDetail } from '#runtime';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import { Clock } from '../common/clock.js';
import { OutboxRepository } from './outbox.repository.js';

/**
 * The outbox part of /healthz: how many messages wait and how old the oldest is. Always up: a queue
 * is the outbox doing its job while the link is down (the `nats` part says whether it is).
 */
@Injectable()
export class OutboxHealth implements HealthDetail {
  constructor(
    private readonly repository: OutboxRepository,
    private readonly clock: Clock,
  ) {}

  check(): HealthIndicatorResult<'outbox'> {
    const { depth, oldestAgeMs } = this.repository.backlog(this.clock.now());
    return { outbox: { status: 'up', depth, oldestAgeSeconds: oldestAgeMs / 1000 } };
  }
}
