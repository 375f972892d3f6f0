import { RegistryIndex } from '#registry';
import { pino } from 'pino';
import { fixtureReader } from '../../test/access.fixtures.js';
import type { Principal } from '../access/principal.js';
import type { ApiKeysRepository } from '../access/api-keys.repository.js';
import { ForbiddenError } from '../access/access.errors.js';
import type { AccessLogService } from '../access-log/access-log.service.js';
import type { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import type { NodeConfig } from '../config/node.config.js';
import type { InboxItem } from '../inbox/inbox-item.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { StoredSubscription } from './service-subscription.js';
import type { Match, ServiceSubscriptionsRepository } from './service-subscriptions.repository.js';
import { ServiceSubscriptionsService } from './service-subscriptions.service.js';

const NOW = new Date('2026-12-04T10:00:00.000Z');

const service = (clearance: Principal['clearance'], id = 'service:00000000000000aa'): Principal => ({
  ...fixtureReader(clearance),
  id,
  kind: 'service',
  issuer: 'api-key',
  name: 'case-system',
});

function setup() {
  const stored = new Map<string, StoredSubscription>();
  const appended: Match[][] = [];
  const reads = { all: 0 };
  const repository = {
    all: async () => {
      reads.all++;
      return [...stored.values()];
    },
    get: async (id: string) => stored.get(id),
    put: async (subscription: StoredSubscription) => void stored.set(subscription.id, subscription),
    append: async (matches: Match[]) => {
      appended.push(matches);
      return matches.length;
    },
  };
  const registry = {
    hasRegion: (id: string) => ['afghan-border', 'central-asia'].includes(id),
    hasSection: (id: string) => id === 'tj-af-panj',
  };
  const subscriptions = new ServiceSubscriptionsService(
    repository as unknown as ServiceSubscriptionsRepository,
    {} as InboxService,
    {} as ApiKeysRepository,
    {} as AccessLogService,
    registry as unknown as RegistryIndex,
    {
      NODE_RETENTION_DAYS: 90,
      NODE_SERVICE_SUBSCRIPTIONS_PER_KEY: 2,
      NODE_SERVICE_SUBSCRIPTIONS_POLL_MS: 60_000,
    } as NodeConfig,
    { now: () => NOW } as Clock,
    pino({ level: 'silent' }),
  );
  return { subscriptions, appended, reads };
}

const item = (id: string, sender: string, category: string): InboxItem => ({
  id,
  kind: 'alert',
  sender,
  receivedAt: NOW.toISOString(),
  region: 'afghan-border',
  category,
  verified: true,
  handling: 'TLP:AMBER',
  message: { sent: NOW.toISOString(), severity: 'SEVERITY_SEVERE', regions: ['afghan-border'] },
});

describe('ServiceSubscriptionsService', () => {
  it('refuses a person: subscriptions belong to API keys', async () => {
    const { subscriptions } = setup();
    await expect(subscriptions.create(fixtureReader('red'), { maxHandling: 'TLP:AMBER' })).rejects.toThrow(
      ForbiddenError,
    );
  });

  it('refuses, field by field, a ceiling above the key’s clearance, unknown ids and a plain-http endpoint', async () => {
    const { subscriptions } = setup();
    const refusal = await subscriptions
      .create(service('amber'), {
        regions: ['afghan-border', 'atlantis'],
        sections: ['nowhere'],
        categories: ['explosives', 'teleportation'],
        maxHandling: 'TLP:RED',
        endpoint: 'http://cases.border.tj/hook',
      })
      .catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(InvalidMessageError);
    expect((refusal as InvalidMessageError).violations.map((violation) => violation.field)).toEqual([
      'regions[1]',
      'sections[0]',
      'categories[1]',
      'maxHandling',
      'endpoint',
    ]);
  });

  it('gives each subscription a secret of its own, and holds a key to its cap', async () => {
    const { subscriptions } = setup();
    const first = await subscriptions.create(service('red'), { maxHandling: 'TLP:RED' });
    const second = await subscriptions.create(service('red'), { maxHandling: 'TLP:AMBER' });
    expect(first.secret).toMatch(/^whsec_/);
    expect(first.secret).not.toBe(second.secret);
    await expect(subscriptions.create(service('red'), { maxHandling: 'TLP:AMBER' })).rejects.toThrow(
      ForbiddenError,
    );
    expect(await subscriptions.list(service('red', 'service:00000000000000bb'))).toEqual([]);
  });

  it('appends a batch’s matches in one write, in the order taken in, with each end of retention', async () => {
    const { subscriptions, appended } = setup();
    const explosives = await subscriptions.create(service('red'), {
      categories: ['explosives'],
      maxHandling: 'TLP:AMBER',
    });
    const all = await subscriptions.create(service('red'), { maxHandling: 'TLP:AMBER' });

    await subscriptions.match([
      item('a1', 'kz-border', 'explosives'),
      item('a2', 'uz-customs', 'salw'),
      item('a3', 'kz-border', 'explosives'),
    ]);

    expect(appended).toHaveLength(1);
    const retained = NOW.getTime() + 90 * 24 * 60 * 60 * 1000;
    expect(appended[0]).toEqual([
      { subscription: explosives.id, message: 'a1', sender: 'kz-border', retainedUntil: retained },
      { subscription: all.id, message: 'a1', sender: 'kz-border', retainedUntil: retained },
      { subscription: all.id, message: 'a2', sender: 'uz-customs', retainedUntil: retained },
      { subscription: explosives.id, message: 'a3', sender: 'kz-border', retainedUntil: retained },
      { subscription: all.id, message: 'a3', sender: 'kz-border', retainedUntil: retained },
    ]);
  });

  it('reads the filters once for consecutive batches, and again after a change', async () => {
    const { subscriptions, appended, reads } = setup();
    await subscriptions.match([item('a0', 'kz-border', 'salw')]);
    await subscriptions.create(service('red'), { categories: ['explosives'], maxHandling: 'TLP:AMBER' });
    const before = reads.all;

    await subscriptions.match([item('a1', 'kz-border', 'explosives')]);
    await subscriptions.match([item('a2', 'kz-border', 'salw')]);
    await subscriptions.match([item('a3', 'kz-border', 'explosives')]);

    expect(reads.all - before).toBe(1);
    expect(appended.map((batch) => batch.map((match) => match.message))).toEqual([['a1'], ['a3']]);
  });
});
