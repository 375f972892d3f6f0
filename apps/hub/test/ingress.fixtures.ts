// Ingress pipelines for unit tests: in-memory ports, a recording publisher, no NATS or Redis.
import type { OutboundEnvelope, PublishResult } from '#messaging';
import { createLogger, MetricsService } from '#runtime';
import { SignatureVerifier } from '#trust';
import { HubConfig } from '../src/config/hub.config.js';
import { DeliveryService } from '../src/delivery/delivery.service.js';
import { DeliveryStore } from '../src/delivery/delivery.store.js';
import { AcceptedIdStore } from '../src/ingress/accepted-ids.store.js';
import { IngressService } from '../src/ingress/ingress.service.js';
import type { AuditTrail } from '../src/audit/audit-trail.js';
import { InMemoryAuditTrail, testStatements } from './audit.fixtures.js';
import type { TestParties } from './hub.fixtures.js';
import { CountingRateLimiter } from './rate-limit.fixtures.js';
import { InMemoryRouteRecords, createTestResolver } from './routing.fixtures.js';

/** The hub's accepted-id memory, with the same claim rule as the Redis repository. */
export class InMemoryAcceptedIds extends AcceptedIdStore {
  private readonly holders = new Map<string, number>();

  async claim(id: string, sequence: number): Promise<boolean> {
    const holder = this.holders.get(id) ?? sequence;
    this.holders.set(id, holder);
    return holder === sequence;
  }
}

/** Keeps what would be published. */
export class CollectingPublisher extends DeliveryStore {
  readonly published: OutboundEnvelope[] = [];

  async publishAll(envelopes: readonly OutboundEnvelope[]): Promise<PublishResult[]> {
    this.published.push(...envelopes);
    return envelopes.map((_, seq) => ({ stream: 'BL_DELIVERY', seq, duplicate: false }));
  }
}

/** A DeliveryService over in-memory ports, signing and stating as the test parties' hub. */
export function testDelivery(
  parties: TestParties,
  publisher: DeliveryStore,
  options: { config?: HubConfig; metrics?: MetricsService; audit?: AuditTrail } = {},
): DeliveryService {
  const signer = parties.signer('hub');
  return new DeliveryService(
    publisher,
    signer,
    options.config ?? Object.assign(new HubConfig(), { HUB_SEED_FILE: 'unused' }),
    options.metrics ?? new MetricsService({ service: 'hub', nats: 'unused' }),
    options.audit ?? new InMemoryAuditTrail(),
    testStatements(signer),
    parties.index,
    createLogger({ service: 'hub' }, 'silent'),
  );
}

export interface TestIngressOptions {
  /** Messages each node may send before RATE_LIMITED; unlimited when absent. */
  allowance?: number;
  config?: Partial<HubConfig>;
}

/** An IngressService over the test parties' registry (key windows included) and in-memory ports. */
export function testIngress(parties: TestParties, options: TestIngressOptions = {}) {
  const logger = createLogger({ service: 'hub' }, 'silent');
  const config = Object.assign(new HubConfig(), { HUB_SEED_FILE: 'unused' }, options.config);
  const routes = new InMemoryRouteRecords();
  const publisher = new CollectingPublisher();
  const ingress = new IngressService(
    parties.index,
    new SignatureVerifier(
      (node) => parties.index.publicKeys(node),
      (node, key) => parties.index.keyWindow(node, key),
    ),
    createTestResolver(parties.index, routes).resolver,
    routes,
    testDelivery(parties, publisher, { config }),
    logger,
    config,
    new CountingRateLimiter(options.allowance),
    new InMemoryAcceptedIds(),
  );
  return { ingress, publisher };
}
