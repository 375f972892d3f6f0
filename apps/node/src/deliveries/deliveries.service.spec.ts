import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AuditCheckpointSchema,
  AuditEvent,
  DeliveredBatchSchema,
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  ReceiptKind,
  ReceiptSchema,
  RoutingReportSchema,
  deliverySubject,
  encodeMessage,
  messageFromJson,
  type MessageKind,
  type MessageOf,
} from '#contracts';
import { PermanentFailure } from '#messaging';
import { RegistryIndex } from '#registry';
import { SignatureVerifier, type SignedStatement } from '#trust';
import { pino } from 'pino';
import {
  alertRequest,
  fixtureKeys,
  fixtureRegistry,
  hubStatement,
  sealMessage,
  type FixtureNode,
} from '../../test/node.fixtures.js';
import type { Clock } from '../common/clock.js';
import type { NodeConfig } from '../config/node.config.js';
import type { GroupsService } from '../groups/groups.service.js';
import type { InboxItem } from '../inbox/inbox-item.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { ReceiptsService } from '../receipts/receipts.service.js';
import type { ReleasesService } from '../releases/releases.service.js';
import type { SentMessagesService } from '../sent/sent-messages.service.js';
import { CheckpointRefused } from '../witness/witness.errors.js';
import type { SerialsService } from '../serials/serials.service.js';
import type { ServiceSubscriptionsService } from '../service-subscriptions/service-subscriptions.service.js';
import type { WitnessService } from '../witness/witness.service.js';
import { DeliveryNotStated } from './deliveries.errors.js';
import { DeliveriesService } from './deliveries.service.js';
import type { Delivery } from './delivery.js';

const NODE = 'kz-border';
const NOW = new Date('2025-03-14T08:30:00.000Z');
const keys = fixtureKeys();
const registry = new RegistryIndex(fixtureRegistry(keys));

function setup() {
  const seen = new Set<string>();
  const inboxed: InboxItem[] = [];
  const receipts: { message: string; origin: string }[] = [];
  const applied: { what: string; message: unknown }[] = [];
  const deliveredByHub: string[] = [];
  const takeIns: string[][] = [];
  let inboxDown = false;
  const inbox = {
    async takeIn(items: readonly InboxItem[]) {
      if (inboxDown) throw new Error('Redis is down');
      takeIns.push(items.map((item) => item.id));
      return items.map((item) => {
        if (seen.has(item.id)) return false;
        seen.add(item.id);
        inboxed.push(item);
        return true;
      });
    },
    async deliveredByHub(id: string) {
      deliveredByHub.push(id);
      return true;
    },
  };
  const sent = {
    applyRouting: async (message: unknown) => void applied.push({ what: 'routing', message }),
    applyReceipt: async (message: unknown) => void applied.push({ what: 'receipt', message }),
    applyDelivered: async (message: unknown) => void applied.push({ what: 'delivered', message }),
    applyRejection: async (message: unknown) => void applied.push({ what: 'rejection', message }),
  };
  const receiptsService = {
    sendDelivered: async (message: string, origin: string) => void receipts.push({ message, origin }),
  };
  const releases = {
    receive: async (message: unknown) => void applied.push({ what: 'release', message }),
  };
  const groups = {
    receive: async (message: unknown) => void applied.push({ what: 'group', message }),
  };
  const witnessed: SignedStatement[] = [];
  const checkpoints: MessageOf<'checkpoint'>[] = [];
  const witness = {
    keepStatement: (statement: SignedStatement) => void witnessed.push(statement),
    keepCheckpoint: (checkpoint: MessageOf<'checkpoint'>) => {
      if (checkpoint.entry?.key === '') throw new CheckpointRefused('checkpoint-not-hub', 'unsigned');
      checkpoints.push(checkpoint);
    },
  };
  const correlated: string[] = [];
  const serials = {
    correlate: async (items: readonly { id: string }[]) =>
      void correlated.push(...items.map((item) => item.id)),
  };
  const matched: string[][] = [];
  const serviceSubscriptions = {
    match: async (items: readonly { id: string }[]) => void matched.push(items.map((item) => item.id)),
  };
  const clock: Clock = { now: () => NOW };
  const service = new DeliveriesService(
    { NODE_ID: NODE } as NodeConfig,
    registry,
    new SignatureVerifier((node) => registry.publicKeys(node)),
    inbox as unknown as InboxService,
    sent as unknown as SentMessagesService,
    receiptsService as unknown as ReceiptsService,
    releases as unknown as ReleasesService,
    groups as unknown as GroupsService,
    witness as unknown as WitnessService,
    serials as unknown as SerialsService,
    clock,
    pino({ level: 'silent' }),
    serviceSubscriptions as unknown as ServiceSubscriptionsService,
  );
  const failInbox = (down: boolean) => (inboxDown = down);
  return {
    service,
    inboxed,
    receipts,
    applied,
    deliveredByHub,
    witnessed,
    checkpoints,
    takeIns,
    failInbox,
    correlated,
    matched,
  };
}

interface DeliveryOptions {
  node?: string;
  body?: Uint8Array;
  drop?: string;
  /** Whom the hub's statement names (this node by default), and who signs it (the hub). */
  statedTo?: string[];
  statedBy?: FixtureNode;
}

function delivery<K extends MessageKind>(
  kind: K,
  message: MessageOf<K> & { id: string; sender: string },
  signer: FixtureNode,
  options: DeliveryOptions = {},
): Delivery {
  const sealed = sealMessage(kind, message, keys[signer].seed, NOW);
  // The hub states what it relays: a body changed before it reached the hub is stated as it came.
  const relayed = { ...sealed, body: options.body ?? sealed.body };
  const statement = hubStatement(relayed, keys[options.statedBy ?? 'hub'].seed, options.statedTo ?? [NODE]);
  const headers: Record<string, string> = {
    ...sealed.headers,
    [HEADER_RECIPIENT]: NODE,
    [HEADER_STATEMENT]: statement,
  };
  if (options.drop) delete headers[options.drop];
  return {
    subject: deliverySubject(options.node ?? NODE, kind, 'afghan-border', 'salw'),
    body: options.body ?? sealed.body,
    header: (name) => headers[name],
  };
}

function alert(sender: FixtureNode, id = 'a1'): MessageOf<'alert'> {
  const message = messageFromJson('alert', alertRequest());
  Object.assign(message, { id, sender, sent: timestampFromDate(NOW) });
  return message;
}

describe('DeliveriesService', () => {
  it("takes in a site copy marked, unanswered, and has the hub's later copy clear the mark and answer it", async () => {
    const { service, inboxed, receipts, deliveredByHub } = setup();
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border'), {
      sendReceipts: false,
      viaSite: true,
    });
    expect(inboxed).toEqual([expect.objectContaining({ id: 'a1', viaSite: true })]);
    expect(receipts).toEqual([]);

    await service.handle(delivery('alert', alert('tj-border'), 'tj-border'));
    expect(inboxed).toHaveLength(1);
    expect(deliveredByHub).toEqual(['a1']);
    expect(receipts).toEqual([{ message: 'a1', origin: 'tj-border' }]);
  });

  it('takes a verified alert into the inbox and confirms delivery to its origin', async () => {
    const { service, inboxed, receipts } = setup();
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border'));
    expect(inboxed).toEqual([
      expect.objectContaining({
        id: 'a1',
        kind: 'alert',
        sender: 'tj-border',
        region: 'afghan-border',
        category: 'salw',
        verified: true,
        handling: 'TLP:AMBER;H2',
        receivedAt: NOW.toISOString(),
      }),
    ]);
    expect(inboxed[0]).not.toHaveProperty('verification');
    expect(receipts).toEqual([{ message: 'a1', origin: 'tj-border' }]);
  });

  it("releases the sender's order once the alert is in the inbox, before its receipt is sent", async () => {
    const { service, inboxed, receipts } = setup();
    const seenAtRelease: { inboxed: number; receipts: number }[] = [];
    await service.handle({
      ...delivery('alert', alert('tj-border'), 'tj-border'),
      releaseOrder: () => seenAtRelease.push({ inboxed: inboxed.length, receipts: receipts.length }),
    });
    expect(seenAtRelease).toEqual([{ inboxed: 1, receipts: 0 }]);
    expect(receipts).toHaveLength(1);
  });

  it('drops a second delivery of the same id but repeats its idempotent receipt', async () => {
    const { service, inboxed, receipts } = setup();
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border'));
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border'));
    expect(inboxed).toHaveLength(1);
    expect(receipts).toHaveLength(2);
  });

  it('keeps a tampered alert as unverified, with the reason, sends no receipt and correlates nothing of it', async () => {
    const { service, inboxed, receipts, correlated } = setup();
    const original = alert('tj-border');
    const tampered = encodeMessage('alert', { ...original, incident: 'inc-forged' });
    await service.handle(delivery('alert', original, 'tj-border', { body: tampered }));
    expect(inboxed).toEqual([
      expect.objectContaining({ id: 'a1', verified: false, verification: 'signature-invalid' }),
    ]);
    expect(receipts).toEqual([]);
    expect(correlated).toEqual([]);
  });

  it('correlates the serials of what it takes in, again on a redelivery', async () => {
    const { service, correlated } = setup();
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border'));
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border'));
    expect(correlated).toEqual(['a1', 'a1']);
  });

  it('offers each batch it takes in to the service subscriptions before releasing the sender’s order, again on a redelivery', async () => {
    const { service, matched } = setup();
    let matchedAtRelease: string[][] = [];
    const first = delivery('alert', alert('tj-border', 'a1'), 'tj-border');
    const released = { ...first, releaseOrder: () => void (matchedAtRelease = [...matched]) };
    await service.handleBatch([released, delivery('alert', alert('tj-border', 'a2'), 'tj-border')]);
    await service.handle(delivery('alert', alert('tj-border', 'a1'), 'tj-border'));
    expect(matchedAtRelease).toEqual([['a1', 'a2']]);
    expect(matched).toEqual([['a1', 'a2'], ['a1']]);
  });

  it('keeps an alert signed by another node than its sender as unverified', async () => {
    const { service, inboxed, receipts } = setup();
    await service.handle(delivery('alert', alert('tj-border'), 'unodc'));
    expect(inboxed[0]).toMatchObject({ verified: false });
    expect(receipts).toEqual([]);
  });

  it('applies a routing report signed by the hub', async () => {
    const { service, applied } = setup();
    const report = create(RoutingReportSchema, {
      id: 'r1',
      sender: 'hub',
      message: 'm1',
      recipients: ['tj-border'],
    });
    await service.handle(delivery('routing', report, 'hub'));
    expect(applied).toEqual([{ what: 'routing', message: expect.objectContaining({ message: 'm1' }) }]);
  });

  it('dead-letters a routing report from anyone but the hub, changing nothing', async () => {
    const { service, applied } = setup();
    const forged = create(RoutingReportSchema, {
      id: 'r1',
      sender: 'tj-border',
      message: 'm1',
      recipients: [],
    });
    await expect(service.handle(delivery('routing', forged, 'tj-border'))).rejects.toBeInstanceOf(
      PermanentFailure,
    );
    expect(applied).toEqual([]);
  });

  it('applies a recipient’s receipt about this node’s message, and refuses one about another node’s', async () => {
    const { service, applied } = setup();
    const receipt = (origin: string) =>
      create(ReceiptSchema, {
        id: `rc-${origin}`,
        sender: 'tj-border',
        message: 'm1',
        origin,
        kind: ReceiptKind.READ,
      });
    await service.handle(delivery('receipt', receipt(NODE), 'tj-border'));
    expect(applied.map((a) => a.what)).toEqual(['receipt']);
    await expect(service.handle(delivery('receipt', receipt('unodc'), 'tj-border'))).rejects.toBeInstanceOf(
      PermanentFailure,
    );
  });

  it('applies a recipient’s delivered batch about this node’s messages, and refuses one about another node’s', async () => {
    const { service, applied } = setup();
    const batch = (origin: string) =>
      create(DeliveredBatchSchema, {
        id: `db-${origin}`,
        sender: 'tj-border',
        origin,
        messages: ['m1', 'm2'],
      });
    await service.handle(delivery('delivered', batch(NODE), 'tj-border'));
    expect(applied).toEqual([
      { what: 'delivered', message: expect.objectContaining({ messages: ['m1', 'm2'] }) },
    ]);
    await expect(service.handle(delivery('delivered', batch('unodc'), 'tj-border'))).rejects.toBeInstanceOf(
      PermanentFailure,
    );
  });

  it('dead-letters what no retry can fix: another node’s subject, missing headers, an undecodable body', async () => {
    const { service, inboxed } = setup();
    const message = alert('tj-border');
    await expect(
      service.handle(delivery('alert', message, 'tj-border', { node: 'unodc' })),
    ).rejects.toBeInstanceOf(PermanentFailure);
    await expect(
      service.handle(delivery('alert', message, 'tj-border', { drop: 'Bl-Sent' })),
    ).rejects.toBeInstanceOf(PermanentFailure);
    await expect(
      service.handle(delivery('alert', message, 'tj-border', { body: new Uint8Array([0xff, 0xff, 0xff]) })),
    ).rejects.toBeInstanceOf(PermanentFailure);
    expect(inboxed).toEqual([]);
  });

  it('keeps the hub’s statement of each copy it takes in as a witness', async () => {
    const { service, inboxed, witnessed } = setup();
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border', { statedTo: [NODE, 'unodc'] }));
    expect(inboxed).toHaveLength(1);
    expect(witnessed.map(({ statement }) => statement)).toEqual([
      expect.objectContaining({ id: 'a1', origin: 'tj-border', recipients: [NODE, 'unodc'] }),
    ]);
  });

  it.each<[string, DeliveryOptions, string]>([
    ['names other recipients (a copy re-published to this node)', { statedTo: ['unodc'] }, 'not-addressed'],
    ['is missing', { drop: HEADER_STATEMENT }, 'statement-missing'],
    ['is signed in the hub’s name with a node’s key', { statedBy: 'unodc' }, 'statement-unknown-key'],
  ])('refuses a copy whose statement %s, taking nothing in', async (_, options, reason) => {
    const { service, inboxed, receipts, witnessed } = setup();
    const handled = service.handle(delivery('alert', alert('tj-border'), 'tj-border', options));
    await expect(handled).rejects.toBeInstanceOf(PermanentFailure);
    await expect(handled).rejects.toMatchObject({ cause: expect.any(DeliveryNotStated) });
    await handled.catch((error: PermanentFailure) =>
      expect((error.cause as DeliveryNotStated).reason).toBe(reason),
    );
    expect({ inboxed, receipts, witnessed }).toEqual({ inboxed: [], receipts: [], witnessed: [] });
  });

  it('refuses a copy whose statement is of another message', async () => {
    const { service, inboxed } = setup();
    const stated = delivery('alert', alert('tj-border', 'a1'), 'tj-border');
    const other = delivery('alert', alert('tj-border', 'a2'), 'tj-border');
    const swapped: Delivery = {
      ...other,
      header: (name) => (name === HEADER_STATEMENT ? stated.header(name) : other.header(name)),
    };
    await expect(service.handle(swapped)).rejects.toMatchObject({
      cause: expect.objectContaining({ reason: 'statement-signature-invalid' }),
    });
    expect(inboxed).toEqual([]);
  });

  it('takes in a site copy without a statement when told it came over the site fast path', async () => {
    const { service, inboxed, witnessed } = setup();
    await service.handle(delivery('alert', alert('tj-border'), 'tj-border', { drop: HEADER_STATEMENT }), {
      sendReceipts: false,
      stated: false,
    });
    expect(inboxed).toHaveLength(1);
    expect(witnessed).toEqual([]);
  });

  it('keeps the hub’s audit checkpoints, and dead-letters one the witness refuses', async () => {
    const { service, checkpoints } = setup();
    const checkpoint = (key: string) =>
      create(AuditCheckpointSchema, {
        id: 'audit-checkpoint-7',
        sender: 'hub',
        sent: timestampFromDate(NOW),
        entry: { sequence: 7n, event: AuditEvent.CHECKPOINT, actor: 'hub', key, signature: 'x' },
      });
    await service.handle(delivery('checkpoint', checkpoint('U…'), 'hub'));
    expect(checkpoints.map((c) => c.id)).toEqual(['audit-checkpoint-7']);
    await expect(service.handle(delivery('checkpoint', checkpoint(''), 'hub'))).rejects.toMatchObject({
      cause: expect.any(CheckpointRefused),
    });
  });

  describe('a pulled batch', () => {
    const receipt = (id: string, sender: FixtureNode) =>
      create(ReceiptSchema, { id, sender, message: 'm1', origin: NODE, kind: ReceiptKind.DELIVERED });

    it('takes all its alerts in with one take-in, in delivery order, and answers each', async () => {
      const { service, inboxed, receipts, takeIns } = setup();
      const failed = await service.handleBatch([
        delivery('alert', alert('tj-border', 'a1'), 'tj-border'),
        delivery('alert', alert('unodc', 'u1'), 'unodc'),
        delivery('alert', alert('tj-border', 'a2'), 'tj-border'),
      ]);
      expect(failed).toEqual([]);
      expect(takeIns).toEqual([['a1', 'u1', 'a2']]);
      expect(inboxed.map((item) => item.id)).toEqual(['a1', 'u1', 'a2']);
      expect(receipts.map((r) => r.message).sort()).toEqual(['a1', 'a2', 'u1']);
    });

    it('keeps a sender’s order around its other messages: take-ins before and after them', async () => {
      const { service, takeIns, applied } = setup();
      const order: string[] = [];
      const tracked = (d: Delivery, name: string): Delivery => ({
        ...d,
        releaseOrder: () => order.push(name),
      });
      await service.handleBatch([
        tracked(delivery('alert', alert('tj-border', 'a1'), 'tj-border'), 'a1'),
        tracked(delivery('receipt', receipt('rc1', 'tj-border'), 'tj-border'), 'rc1'),
        tracked(delivery('alert', alert('tj-border', 'a2'), 'tj-border'), 'a2'),
      ]);
      expect(takeIns).toEqual([['a1'], ['a2']]);
      expect(applied.map((a) => a.what)).toEqual(['receipt']);
      expect(order).toEqual(['a1', 'rc1', 'a2']);
    });

    it('refuses a bad delivery alone: the rest are taken in, and only it is failed', async () => {
      const { service, inboxed } = setup();
      const bad = delivery('alert', alert('tj-border', 'a2'), 'tj-border', { drop: 'Bl-Sent' });
      const failed = await service.handleBatch([
        delivery('alert', alert('tj-border', 'a1'), 'tj-border'),
        bad,
        delivery('alert', alert('tj-border', 'a3'), 'tj-border'),
      ]);
      expect(failed).toEqual([{ delivery: bad, error: expect.any(PermanentFailure) }]);
      expect(inboxed.map((item) => item.id)).toEqual(['a1', 'a3']);
    });

    it('fails every delivery of a take-in that did not happen, for redelivery, and answers none', async () => {
      const { service, receipts, applied, failInbox } = setup();
      failInbox(true);
      const alerts = [
        delivery('alert', alert('tj-border', 'a1'), 'tj-border'),
        delivery('alert', alert('unodc', 'u1'), 'unodc'),
      ];
      const other = delivery('receipt', receipt('rc1', 'hub'), 'hub');
      const failed = await service.handleBatch([...alerts, other]);
      expect(failed.map((f) => f.delivery)).toEqual(alerts);
      expect(failed.every((f) => !(f.error instanceof PermanentFailure))).toBe(true);
      expect(receipts).toEqual([]);
      expect(applied.map((a) => a.what)).toEqual(['receipt']);
    });
  });
});
