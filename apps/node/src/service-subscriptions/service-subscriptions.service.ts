import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import { CATEGORY_TOKEN_LIST, type Violation } from '#contracts';
import { RegistryIndex } from '#registry';
import { LOGGER } from '#runtime';
import type { Logger } from 'pino';
import { Observable, Subject, filter, type Subscription } from 'rxjs';
import { ForbiddenError } from '../access/access.errors.js';
import { ApiKeysRepository } from '../access/api-keys.repository.js';
import { holdsAny, type Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import { retainedUntil } from '../common/retention.js';
import { NodeConfig } from '../config/node.config.js';
import type { InboxItem, ShownItem } from '../inbox/inbox-item.js';
import { InboxService } from '../inbox/inbox.service.js';
import {
  handlingCeiling,
  lowerCeiling,
  matchesFilter,
  withinHandling,
  type ServiceSubscription,
  type StoredSubscription,
  type SubscriptionFilter,
} from './service-subscription.js';
import { UnknownSubscriptionError } from './service-subscriptions.errors.js';
import { ServiceSubscriptionsRepository, type LogEntry } from './service-subscriptions.repository.js';
import { endpointProblem } from './webhook-endpoint.js';
import { generateWebhookSecret } from './webhook-signature.js';
import type { WebhookAttempt } from './webhook-state.js';

const DAY_MS = 24 * 60 * 60 * 1000;
// Log entries read at a time by a stream or the dispatcher.
const LOG_PAGE = 100;

/** What a service asks for: the filter and, optionally, a webhook endpoint. */
export interface SubscriptionRequest extends SubscriptionFilter {
  endpoint?: string;
}

/** One message of a subscription's log as handed out: its position and the inbox item. */
export interface HandedOut {
  position: string;
  item: ShownItem;
}

/** A subscription's webhook as its owner is shown it. */
export interface WebhookReport {
  endpoint: string;
  status: 'active' | 'retrying' | 'disabled';
  /** The log position of the last message delivered, `0` before any. */
  cursor: string;
  failures: number;
  retryAt?: string;
  disabledAt?: string;
  attempts: WebhookAttempt[];
}

/**
 * Service subscriptions: a service (an API key) registers a filter over what its node takes in,
 * and receives each match in order from the subscription's own log, by a live stream that resumes
 * where it left off and, if it named one, by a signed webhook (WebhookDispatcher). A subscription
 * belongs to the key that created it; an administrator may read and remove any of the agency's.
 * Only what the key's clearance and the subscription's handling ceiling admit is handed out, and
 * each hand-out is in the access log first.
 */
@Injectable()
export class ServiceSubscriptionsService implements OnModuleDestroy {
  private readonly appended = new Subject<string>();
  // The filters as last read (a promise, so concurrent batches share one read), and when (monotonic ms).
  private filtersRead?: { at: number; subscriptions: Promise<StoredSubscription[]> };

  constructor(
    private readonly repository: ServiceSubscriptionsRepository,
    private readonly inbox: InboxService,
    private readonly keys: ApiKeysRepository,
    private readonly accessLog: AccessLogService,
    private readonly registry: RegistryIndex,
    private readonly config: NodeConfig,
    private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Creates a subscription owned by `principal`, which must be a service; its webhook secret is in
   * the answer, and never again.
   * @throws ForbiddenError for a person, or a key at its cap; InvalidMessageError naming each field at fault.
   */
  async create(principal: Principal, request: SubscriptionRequest): Promise<StoredSubscription> {
    if (principal.kind !== 'service') {
      throw new ForbiddenError('service subscriptions belong to API keys; a person reads the inbox');
    }
    this.validate(principal, request);
    const owned = (await this.repository.all()).filter((one) => one.owner === principal.id);
    if (owned.length >= this.config.NODE_SERVICE_SUBSCRIPTIONS_PER_KEY) {
      throw new ForbiddenError(
        `a key holds at most ${this.config.NODE_SERVICE_SUBSCRIPTIONS_PER_KEY} service subscriptions`,
      );
    }
    const now = this.clock.now().toISOString();
    const subscription: StoredSubscription = {
      id: randomUUID(),
      owner: principal.id,
      ownerName: principal.name,
      ...this.parts(request),
      createdAt: now,
      updatedAt: now,
      secret: generateWebhookSecret(),
    };
    await this.repository.put(subscription);
    this.filtersRead = undefined;
    this.logger.info(
      {
        subscription: subscription.id,
        principal: principal.id,
        webhook: subscription.endpoint !== undefined,
      },
      'service subscription created',
    );
    return subscription;
  }

  /** The caller's subscriptions; an administrator's listing holds every one of the agency's. */
  async list(principal: Principal): Promise<ServiceSubscription[]> {
    const all = await this.repository.all();
    const admin = holdsAny(principal, ['administrator']);
    return all
      .filter((one) => admin || one.owner === principal.id)
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map(shown);
  }

  /**
   * Subscription `id`, for its owner or an administrator.
   * @throws UnknownSubscriptionError when there is none, or the caller may not see it.
   */
  async get(principal: Principal, id: string): Promise<ServiceSubscription> {
    return shown(await this.visible(principal, id));
  }

  /**
   * Replaces the filter and endpoint of the caller's own subscription (the secret stays); matches
   * already in its log stay. A new endpoint starts with a clean record of failures (enabled again
   * if it was disabled) and takes the log from where the old one stopped.
   * @throws UnknownSubscriptionError; InvalidMessageError naming each field at fault.
   */
  async update(principal: Principal, id: string, request: SubscriptionRequest): Promise<ServiceSubscription> {
    const current = await this.owned(principal, id);
    this.validate(principal, request);
    const updated: StoredSubscription = {
      ...withoutParts(current),
      ...this.parts(request),
      updatedAt: this.clock.now().toISOString(),
    };
    await this.repository.put(updated);
    this.filtersRead = undefined;
    if (updated.endpoint !== undefined && updated.endpoint !== current.endpoint) await this.reset(id);
    return shown(updated);
  }

  /** Removes the subscription, its log and its webhook's record (its owner, or an administrator). */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.visible(principal, id);
    await this.repository.delete(id);
    this.filtersRead = undefined;
    this.logger.info({ subscription: id, principal: principal.id }, 'service subscription removed');
  }

  /**
   * Enables the owner's disabled (or retrying) webhook: the next attempt, at once, is the message it
   * stopped at.
   * @throws UnknownSubscriptionError; InvalidMessageError when the subscription has no webhook.
   */
  async enable(principal: Principal, id: string): Promise<WebhookReport> {
    const subscription = await this.owned(principal, id);
    if (subscription.endpoint === undefined) {
      throw new InvalidMessageError([{ field: 'endpoint', reason: 'the subscription has no webhook' }]);
    }
    await this.reset(id);
    this.logger.info({ subscription: id, principal: principal.id }, 'webhook enabled');
    return this.webhook(principal, id);
  }

  /**
   * Where the subscription's webhook stands, with its latest attempts, newest first.
   * @throws UnknownSubscriptionError; InvalidMessageError when the subscription has no webhook.
   */
  async webhook(principal: Principal, id: string): Promise<WebhookReport> {
    const subscription = await this.visible(principal, id);
    if (subscription.endpoint === undefined) {
      throw new InvalidMessageError([{ field: 'endpoint', reason: 'the subscription has no webhook' }]);
    }
    const [state, attempts] = await Promise.all([
      this.repository.webhookState(id),
      this.repository.attempts(id, 50),
    ]);
    return {
      endpoint: subscription.endpoint,
      status: state.disabledAt !== undefined ? 'disabled' : state.failures > 0 ? 'retrying' : 'active',
      cursor: state.cursor,
      failures: state.failures,
      ...(state.retryAt === undefined ? {} : { retryAt: new Date(state.retryAt).toISOString() }),
      ...(state.disabledAt === undefined ? {} : { disabledAt: state.disabledAt }),
      attempts,
    };
  }

  /**
   * Appends each item that a subscription's filter matches to that subscription's log, all in one
   * write, in the order given (so each sender's order holds in every log). Repeatable: a message
   * already in a log is not appended again, so it runs again for a delivery taken in again after a
   * crash, and nothing matched is lost. The filters are read at most every NODE_SERVICE_SUBSCRIPTIONS_POLL_MS
   * (at once after a change made through this instance), so a batch without matches, or on a node
   * without subscriptions, costs no Redis call.
   */
  async match(items: readonly InboxItem[]): Promise<void> {
    if (items.length === 0) return;
    const subscriptions = await this.filters();
    if (subscriptions.length === 0) return;
    const days = this.config.NODE_RETENTION_DAYS;
    const matches = items.flatMap((item) =>
      subscriptions
        .filter((subscription) => matchesFilter(subscription.filter, item))
        .map((subscription) => ({
          subscription: subscription.id,
          message: item.id,
          sender: item.sender,
          retainedUntil: retainedUntil(item.message, item.receivedAt, days),
        })),
    );
    if (matches.length === 0) return;
    const now = this.clock.now().getTime();
    await this.repository.append(matches, now, now - days * DAY_MS);
    for (const id of new Set(matches.map((match) => match.subscription))) this.appended.next(id);
  }

  // Another instance's change is seen within the poll interval; a removed subscription's matches
  // are dropped by the append script, and what is handed out is judged by the filter as it is then.
  private async filters(): Promise<StoredSubscription[]> {
    const now = performance.now();
    if (
      this.filtersRead === undefined ||
      now - this.filtersRead.at >= this.config.NODE_SERVICE_SUBSCRIPTIONS_POLL_MS
    ) {
      this.filtersRead = { at: now, subscriptions: this.repository.all() };
    }
    try {
      return await this.filtersRead.subscriptions;
    } catch (error) {
      this.filtersRead = undefined;
      throw error;
    }
  }

  /** Subscription ids whose logs grew in this process, as they grow. */
  appended$(): Observable<string> {
    return this.appended.asObservable();
  }

  /**
   * The live stream of the owner's subscription `id`: every entry of its log after position `after`
   * (`0`: from its start), then each new one as it is appended, as the key may see it now (an entry
   * whose message left the inbox by retention, or that the key's clearance or the subscription's
   * ceiling no longer admits, is skipped), each in the access log (`stream`) before it is emitted.
   * Appends made by another instance are found within NODE_SERVICE_SUBSCRIPTIONS_POLL_MS.
   * @throws UnknownSubscriptionError (before the stream starts).
   */
  async stream(principal: Principal, id: string, after: string): Promise<Observable<HandedOut>> {
    await this.owned(principal, id);
    const record = this.accessLog.recorder(principal, 'stream');
    return new Observable<HandedOut>((subscriber) => {
      let cursor = after;
      let closed = false;
      let pending = true;
      let wake: (() => void) | undefined;
      const nudge = () => {
        pending = true;
        wake?.();
      };
      // The service completes `appended` as the node stops: the stream ends, so the HTTP server can close.
      const woken: Subscription = this.appended
        .pipe(filter((one) => one === id))
        .subscribe({ next: nudge, complete: () => subscriber.complete() });
      const timer = setInterval(nudge, this.config.NODE_SERVICE_SUBSCRIPTIONS_POLL_MS);
      timer.unref();
      const run = async () => {
        while (!closed) {
          if (!pending) await new Promise<void>((resolve) => (wake = resolve));
          pending = false;
          for (;;) {
            const subscription = await this.repository.get(id);
            // Removed, or its key revoked or expired since the stream opened: the stream ends.
            if (subscription === undefined || this.ownerOf(subscription) === undefined || closed) {
              subscriber.complete();
              return;
            }
            const entries = await this.repository.entries(id, cursor, LOG_PAGE);
            if (entries.length === 0) break;
            for (const { position, item } of await this.readable(subscription, principal, entries)) {
              if (closed) return;
              record([item.id]);
              subscriber.next({ position, item });
            }
            cursor = entries.at(-1)!.position;
          }
        }
      };
      run().catch((error: unknown) => subscriber.error(error));
      return () => {
        closed = true;
        wake?.();
        woken.unsubscribe();
        clearInterval(timer);
      };
    });
  }

  /**
   * The messages of `entries` that `reader` may be handed through `subscription` now, with their
   * positions: those still in the inbox, within the key's clearance and the subscription's ceiling.
   */
  async readable(
    subscription: StoredSubscription,
    reader: Principal,
    entries: readonly LogEntry[],
  ): Promise<HandedOut[]> {
    const ceiling = lowerCeiling(subscription.filter.maxHandling, handlingCeiling(reader.clearance));
    const items = await Promise.all(entries.map((entry) => this.inbox.get(entry.message, reader.clearance)));
    return entries.flatMap((entry, i) => {
      const item = items[i];
      return item !== undefined && withinHandling(ceiling, item.handling)
        ? [{ position: entry.position, item }]
        : [];
    });
  }

  /** The key that owns `subscription` as it stands now; undefined once revoked, expired or removed. */
  ownerOf(subscription: StoredSubscription): Principal | undefined {
    const [kind, key] = subscription.owner.split(':');
    return kind === 'service' && key !== undefined ? this.keys.current(key) : undefined;
  }

  /** Every subscription of the node that names a webhook. */
  async withWebhooks(): Promise<StoredSubscription[]> {
    return (await this.repository.all()).filter((one) => one.endpoint !== undefined);
  }

  onModuleDestroy(): void {
    this.appended.complete();
  }

  // A clean record of failures, from where the webhook stopped, and a wake-up for the dispatcher.
  private async reset(id: string): Promise<void> {
    const state = await this.repository.webhookState(id);
    await this.repository.saveWebhook(id, { cursor: state.cursor, failures: 0, epoch: state.epoch + 1 });
    this.appended.next(id);
  }

  private async visible(principal: Principal, id: string): Promise<StoredSubscription> {
    const subscription = await this.repository.get(id);
    if (
      subscription === undefined ||
      (subscription.owner !== principal.id && !holdsAny(principal, ['administrator']))
    ) {
      throw new UnknownSubscriptionError(id);
    }
    return subscription;
  }

  private async owned(principal: Principal, id: string): Promise<StoredSubscription> {
    const subscription = await this.repository.get(id);
    if (subscription === undefined || subscription.owner !== principal.id)
      throw new UnknownSubscriptionError(id);
    return subscription;
  }

  // What the DTO's types cannot check: the registry's regions and sections, the category tokens,
  // the ceiling within the key's clearance, the endpoint's scheme.
  private validate(principal: Principal, request: SubscriptionRequest): void {
    const violations: Violation[] = [];
    const each = (
      field: string,
      values: readonly string[] | undefined,
      known: (value: string) => boolean,
      what: string,
    ) =>
      values?.forEach((value, i) => {
        if (!known(value)) violations.push({ field: `${field}[${i}]`, reason: `is not a ${what}: ${value}` });
      });
    each('regions', request.regions, (value) => this.registry.hasRegion(value), 'region of the registry');
    each(
      'sections',
      request.sections,
      (value) => this.registry.hasSection(value),
      'border section of the registry',
    );
    each('categories', request.categories, (value) => CATEGORY_TOKEN_LIST.includes(value), 'category');
    const ceiling = handlingCeiling(principal.clearance);
    if (!withinHandling(ceiling, request.maxHandling)) {
      violations.push({
        field: 'maxHandling',
        reason: `is above the key's clearance (${principal.clearance} receives up to ${ceiling})`,
      });
    }
    if (request.endpoint !== undefined) {
      const problem = endpointProblem(request.endpoint);
      if (problem !== undefined) violations.push({ field: 'endpoint', reason: problem });
    }
    if (violations.length > 0) throw new InvalidMessageError(violations);
  }

  private parts(request: SubscriptionRequest): Pick<ServiceSubscription, 'filter' | 'endpoint'> {
    const { endpoint, regions, categories, minSeverity, sections, kinds, maxHandling } = request;
    const filter: SubscriptionFilter = {
      ...(regions === undefined ? {} : { regions }),
      ...(categories === undefined ? {} : { categories }),
      ...(minSeverity === undefined ? {} : { minSeverity }),
      ...(sections === undefined ? {} : { sections }),
      ...(kinds === undefined ? {} : { kinds }),
      maxHandling,
    };
    return { filter, ...(endpoint === undefined ? {} : { endpoint }) };
  }
}

function shown({ secret: _secret, ...subscription }: StoredSubscription): ServiceSubscription {
  return subscription;
}

function withoutParts({ filter: _filter, endpoint: _endpoint, ...rest }: StoredSubscription) {
  return rest;
}
