import { Severity, type MessageOf, type SendableKind } from '#contracts';
import { RegistryIndex } from '#registry';
import { pino } from 'pino';
import { fixtureKeys, fixtureRegistry } from '../../test/node.fixtures.js';
import type { Clock } from '../common/clock.js';
import { InvalidMessageError } from '../common/common.errors.js';
import type { IdGenerator } from '../common/id-generator.js';
import type { NodeConfig } from '../config/node.config.js';
import type { OutboxService } from '../outbox/outbox.service.js';
import type { Submitted } from '../outbox/submitted.js';
import type { SentMessage } from '../sent/sent-message.js';
import type { SentMessagesService } from '../sent/sent-messages.service.js';
import { MalformedMessageError } from '../submission/submission.errors.js';
import type { NarrowingRepository, StoredNarrowing } from './narrowing.repository.js';
import { SubscriptionsService } from './subscriptions.service.js';

const NOW = new Date('2025-03-14T08:30:00.000Z');
const ID = '0195940a-0000-7000-8000-00000000abcd';
const ADMIN = 'person:tj-admin';

function setup() {
  const queued: MessageOf<SendableKind>[] = [];
  let stored: StoredNarrowing | undefined;
  const sent = new Map<string, SentMessage>();
  const service = new SubscriptionsService(
    { NODE_ID: 'tj-border' } as NodeConfig,
    new RegistryIndex(fixtureRegistry(fixtureKeys())),
    {
      async submit(_kind: SendableKind, message: MessageOf<SendableKind>): Promise<Submitted> {
        queued.push(message);
        return { id: message.id, status: 'accepted', duplicate: false };
      },
    } as unknown as OutboxService,
    {
      put: (narrowing: StoredNarrowing) => (stored = narrowing),
      get: () => stored,
    } as unknown as NarrowingRepository,
    { visible: async (id: string) => sent.get(id) } as unknown as SentMessagesService,
    { now: () => NOW } as Clock,
    { next: () => ID } as IdGenerator,
    pino({ level: 'silent' }),
  );
  return { service, queued, sent };
}

describe('SubscriptionsService', () => {
  it('signs the narrowing as this node, named after its administrator, and shows it pending', async () => {
    const { service, queued } = setup();
    const filters = [{ minSeverity: 'SEVERITY_SEVERE', sections: ['tj-af-panj'] }];
    expect(await service.replace({ filters }, ADMIN)).toEqual({
      id: ID,
      status: 'accepted',
      duplicate: false,
    });
    expect(queued).toEqual([
      expect.objectContaining({
        id: ID,
        sender: 'tj-border',
        actor: ADMIN,
        filters: [expect.objectContaining({ minSeverity: Severity.SEVERE, sections: ['tj-af-panj'] })],
      }),
    ]);
    expect(await service.view()).toEqual({
      ceiling: [{ regions: ['afghan-border'], categories: ['*'] }],
      filters,
      change: { id: ID, actor: ADMIN, sent: NOW.toISOString(), status: 'pending' },
    });
  });

  it("shows the hub's refusal of the narrowing last sent", async () => {
    const { service, sent } = setup();
    await service.replace({ filters: [] }, ADMIN);
    const rejection = { reason: 'INVALID', detail: 'beyond its registry subscriptions', violations: [] };
    sent.set(ID, { id: ID, kind: 'subscription', status: 'rejected', rejection, recipients: [] });
    expect((await service.view()).change).toMatchObject({ status: 'rejected', rejection });
  });

  it('refuses a filter beyond the registry by its field, and queues nothing', async () => {
    const { service, queued } = setup();
    const refused = await service
      .replace({ filters: [{ regions: ['afghan-border', 'central-asia'] }] }, ADMIN)
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(InvalidMessageError);
    expect((refused as InvalidMessageError).violations).toEqual([
      {
        field: 'filters[0].regions[1]',
        reason: 'beyond the registry: tj-border does not receive central-asia in these categories',
      },
    ]);
    expect(queued).toEqual([]);
    expect((await service.view()).change).toBeUndefined();
  });

  it('refuses a body with more than filters, or filters of the wrong shape, as malformed', async () => {
    const { service } = setup();
    await expect(service.replace({ filters: [], sender: 'kz-border' }, ADMIN)).rejects.toThrow(
      MalformedMessageError,
    );
    await expect(service.replace({ filters: [{ minSeverity: 'HIGH' }] }, ADMIN)).rejects.toThrow(
      MalformedMessageError,
    );
    await expect(service.replace([], ADMIN)).rejects.toThrow(MalformedMessageError);
  });
});
