import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { toJsonString } from '@bufbuild/protobuf';
import { AuditEvent, RejectionReason, SubscriptionChangeSchema, type SubscriptionChange } from '#contracts';
import {
  RegistryIndex,
  SubscriptionNarrowing,
  subscriptionCeilingViolations,
  type NarrowedTopic,
} from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { AuditTrail } from '../audit/audit-trail.js';
import { IngressRefusal } from '../pipeline/pipeline.errors.js';
import { SubscriptionStore, type StoredSubscription } from './subscription.store.js';

interface Held {
  narrowing: SubscriptionNarrowing | undefined;
  revision: number;
}

/**
 * Nodes' narrowings of what they receive through their registry subscriptions. Routing asks `admits`
 * for every subscriber of every message, so the narrowings are held in memory, compiled: each
 * instance follows the store from start (routing waits until it has caught up) and applies every
 * write any instance makes; the instance that accepted a change applies it at once.
 */
@Injectable()
export class SubscriptionsService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly held = new Map<string, Held>();

  constructor(
    private readonly store: SubscriptionStore,
    private readonly registry: RegistryIndex,
    private readonly audit: AuditTrail,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  // Before the transport pulls ingress, so no message is routed past a narrowing not yet read.
  async onApplicationBootstrap(): Promise<void> {
    await this.store.follow((stored) => this.apply(stored));
    this.logger.info({ narrowed: this.held.size }, 'subscription narrowings loaded');
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.stop();
  }

  /**
   * Whether `node`, a registry subscriber of `topic`, receives it: always when it narrows nothing.
   * Never ask it of an addressee: an addressed message is delivered whatever the narrowing.
   */
  admits(node: string, topic: NarrowedTopic): boolean {
    const narrowing = this.held.get(node)?.narrowing;
    return narrowing === undefined || narrowing.admits(topic);
  }

  /** Refuses a change reaching beyond its sender's registry subscriptions, naming each such entry. */
  check(change: SubscriptionChange): void {
    const violations = subscriptionCeilingViolations(change, this.registry);
    if (violations.length > 0)
      throw new IngressRefusal(RejectionReason.INVALID, 'beyond its registry subscriptions', violations);
  }

  /**
   * Stores the change as its node's narrowing in force, applies it here at once and audits it with
   * the person who made it. Repeatable: a redelivered change is stored and recorded once.
   */
  async commit(change: SubscriptionChange): Promise<void> {
    const revision = await this.store.write(change);
    this.apply({ change, revision });
    await this.audit.record({
      event: AuditEvent.SUBSCRIPTION_CHANGED,
      ref: change.id,
      message: change.id,
      kind: 'subscription',
      origin: change.sender,
      person: change.actor,
      detail: filtersText(change),
    });
  }

  // A slower follower may deliver an older write after a newer one was applied here: keep the newest.
  private apply({ change, revision }: StoredSubscription): void {
    const held = this.held.get(change.sender);
    if (held !== undefined && held.revision >= revision) return;
    this.held.set(change.sender, { narrowing: SubscriptionNarrowing.of(change), revision });
  }
}

/** The filters as the audit shows them: JSON, or `none` when the change lifts the narrowing. */
export function filtersText(change: SubscriptionChange): string {
  if (change.filters.length === 0) return 'none';
  const json = JSON.parse(toJsonString(SubscriptionChangeSchema, change)) as { filters: unknown };
  return JSON.stringify(json.filters);
}
