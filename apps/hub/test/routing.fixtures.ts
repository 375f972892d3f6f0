// In-memory stores behind the recipient resolver, for the hub's unit tests (no NATS, no Redis).
import { pino } from 'pino';
import type { SubscriptionChange } from '#contracts';
import type { OutboundEnvelope } from '#messaging';
import { RegistryIndex } from '#registry';
import type { GroupMembership } from '../src/groups/group-membership.js';
import { GroupStore, type StoredGroup } from '../src/groups/group.store.js';
import { GroupWriteConflict } from '../src/groups/groups.errors.js';
import { GroupsService } from '../src/groups/groups.service.js';
import { OriginalMessageStore, type OriginalMessage } from '../src/releases/original-message.store.js';
import { ReleaseRequestStore, type ReleaseRequestRecord } from '../src/releases/release-request.store.js';
import type { RequestsService } from '../src/requests/requests.service.js';
import { ReleasesService } from '../src/releases/releases.service.js';
import { RouteRecordStore, type RouteRecord } from '../src/routes/route-record.store.js';
import { RecipientResolverService } from '../src/routing/recipient-resolver.service.js';
import { HubStateRebuildingError } from '../src/state/state.errors.js';
import { SubscriptionStore, type StoredSubscription } from '../src/subscriptions/subscription.store.js';
import { SubscriptionsService } from '../src/subscriptions/subscriptions.service.js';
import { InMemoryAuditTrail, testStatements } from './audit.fixtures.js';

/** Route records kept in memory, for tests that run without Redis. */
export class InMemoryRouteRecords extends RouteRecordStore {
  readonly records = new Map<string, RouteRecord>();
  /** While set, a missing record cannot be told from a wiped one, as before the end of a rebuild. */
  rebuilding = false;

  async remember(id: string, record: RouteRecord): Promise<void> {
    this.records.set(id, record);
  }

  async recall(id: string): Promise<RouteRecord | undefined> {
    const record = this.records.get(id);
    if (record === undefined && this.rebuilding) throw new HubStateRebuildingError();
    return record;
  }

  async recallAll(ids: readonly string[]): Promise<(RouteRecord | undefined)[]> {
    return Promise.all(ids.map((id) => this.recall(id)));
  }
}

/** Groups in memory, with the same conditional write as the JetStream repository. */
export class InMemoryGroupStore extends GroupStore {
  private readonly groups = new Map<string, StoredGroup>();
  private revision = 0;

  async read(group: string): Promise<StoredGroup | undefined> {
    return this.groups.get(group);
  }

  async write(group: GroupMembership, revision: number): Promise<void> {
    if ((this.groups.get(group.group)?.revision ?? 0) !== revision) throw new GroupWriteConflict(group.group);
    this.groups.set(group.group, { group, revision: ++this.revision });
  }
}

/** Narrowings in memory: every write is applied to the followers at once. */
export class InMemorySubscriptionStore extends SubscriptionStore {
  readonly stored = new Map<string, StoredSubscription>();
  private readonly followers: Array<(stored: StoredSubscription) => void> = [];
  private revision = 0;

  async write(change: SubscriptionChange): Promise<number> {
    const stored = { change, revision: ++this.revision };
    this.stored.set(change.sender, stored);
    for (const apply of this.followers) apply(stored);
    return stored.revision;
  }

  async follow(apply: (stored: StoredSubscription) => void): Promise<void> {
    for (const stored of this.stored.values()) apply(stored);
    this.followers.push(apply);
  }

  async stop(): Promise<void> {
    this.followers.length = 0;
  }
}

export class InMemoryReleaseRequests extends ReleaseRequestStore {
  readonly records = new Map<string, ReleaseRequestRecord>();

  async remember(request: string, record: ReleaseRequestRecord): Promise<void> {
    this.records.set(request, record);
  }

  async recall(request: string): Promise<ReleaseRequestRecord | undefined> {
    return this.records.get(request);
  }
}

/** The ingress log by sequence, and what was published, in memory. */
export class InMemoryOriginals extends OriginalMessageStore {
  readonly log = new Map<number, OriginalMessage & { id: string }>();
  readonly published: OutboundEnvelope[] = [];

  async fetch(sequence: number, id: string): Promise<OriginalMessage | undefined> {
    const stored = this.log.get(sequence);
    return stored?.id === id ? stored : undefined;
  }

  async publish(envelopes: readonly OutboundEnvelope[]): Promise<void> {
    this.published.push(...envelopes);
  }
}

/**
 * A recipient resolver over `registry` and `routes`, with in-memory groups and release state; re-shared
 * copies are stated by `statements` (a fresh hub key unless given).
 */
export function createTestResolver(
  registry: RegistryIndex,
  routes: RouteRecordStore,
  statements = testStatements(),
) {
  const groups = new InMemoryGroupStore();
  const requests = new InMemoryReleaseRequests();
  const originals = new InMemoryOriginals();
  const audit = new InMemoryAuditTrail();
  const subscriptionStore = new InMemorySubscriptionStore();
  const subscriptions = new SubscriptionsService(
    subscriptionStore,
    registry,
    audit,
    pino({ level: 'silent' }),
  );
  const resolver = new RecipientResolverService(
    registry,
    routes,
    new GroupsService(groups, audit),
    new ReleasesService(registry, routes, requests, originals, audit, statements),
    // Following requests up needs Redis and the delivery path: test/integration/coordination covers it.
    { commit: async () => undefined } as unknown as RequestsService,
    subscriptions,
  );
  return { resolver, groups, requests, originals, audit, subscriptions, subscriptionStore };
}
