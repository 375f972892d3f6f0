import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  ReceiptKind,
  ReceiptSchema,
  RejectionReason,
  RejectionSchema,
  RoutingReportSchema,
} from '#contracts';
import { MetricsService } from '#runtime';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { fixtureAccessLog, fixtureReader } from '../../test/access.fixtures.js';
import type { AccessLogRepository } from '../access-log/access-log.repository.js';
import type { Clock } from '../common/clock.js';
import { UnknownMessageError } from '../common/common.errors.js';
import type { RecipientState, RejectionRecord, SentMessage, SentStatus } from './sent-message.js';
import { SentMessagesService } from './sent-messages.service.js';
import type { SentStateRepository, StoredRecipient } from './sent-state.repository.js';

/** In-memory stand-in with the repository's compare-and-set semantics. */
class FakeSentState implements Pick<SentStateRepository, keyof SentStateRepository> {
  readonly messages = new Map<
    string,
    { kind?: string; status?: SentStatus; rejection?: RejectionRecord; handling?: string; message?: unknown }
  >();
  readonly recipients = new Map<string, string>();
  /** When set, the next replace loses the race once (another writer got there first). */
  interfere?: () => void;

  async recordQueued(id: string, kind: string, handling: string, message: unknown): Promise<void> {
    const meta = this.messages.get(id) ?? {};
    this.messages.set(id, {
      ...meta,
      kind: meta.kind ?? kind,
      status: meta.status ?? 'queued',
      handling,
      message,
    });
  }

  async recordAccepted(id: string, kind: string): Promise<void> {
    const meta = this.messages.get(id) ?? {};
    const status = meta.status === 'rejected' ? 'rejected' : 'accepted';
    const known = meta.kind !== undefined && meta.kind !== 'unknown';
    this.messages.set(id, { ...meta, kind: known ? meta.kind : kind, status });
  }

  async recordRouted(id: string): Promise<void> {
    const meta = this.messages.get(id) ?? {};
    const status = meta.status === undefined || meta.status === 'queued' ? 'accepted' : meta.status;
    this.messages.set(id, { ...meta, kind: meta.kind ?? 'unknown', status });
  }

  async recordRejected(id: string, kind: string, rejection: RejectionRecord): Promise<void> {
    const meta = this.messages.get(id) ?? {};
    this.messages.set(id, { kind: meta.kind ?? kind, status: 'rejected', rejection });
  }

  async recipient(id: string, recipient: string): Promise<StoredRecipient | undefined> {
    const raw = this.recipients.get(`${id}/${recipient}`);
    return raw === undefined ? undefined : { state: JSON.parse(raw) as RecipientState, version: raw };
  }

  async replaceRecipient(id: string, recipient: string, version: string | undefined, state: RecipientState) {
    const interfere = this.interfere;
    this.interfere = undefined;
    interfere?.();
    const key = `${id}/${recipient}`;
    if (this.recipients.get(key) !== version) return false;
    this.recipients.set(key, JSON.stringify(state));
    return true;
  }

  async read(id: string): Promise<SentMessage | undefined> {
    const meta = this.messages.get(id);
    if (meta?.kind === undefined || meta.status === undefined) return undefined;
    const recipients = [...this.recipients]
      .filter(([key]) => key.startsWith(`${id}/`))
      .map(([key, raw]) => ({ node: key.slice(id.length + 1), ...(JSON.parse(raw) as RecipientState) }));
    return {
      id,
      kind: meta.kind,
      status: meta.status,
      ...(meta.handling === undefined ? {} : { handling: meta.handling }),
      ...(meta.rejection ? { rejection: meta.rejection } : {}),
      recipients,
    };
  }
}

const NOW = new Date('2025-03-14T08:30:00.000Z');
const at = (minutes: number) => timestampFromDate(new Date(NOW.getTime() + minutes * 60_000));
const ID = '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01';

let dir: string;
const stores: AccessLogRepository[] = [];

function setup() {
  const repository = new FakeSentState();
  const clock: Clock = { now: () => NOW };
  const { accessLog, repository: store } = fixtureAccessLog(join(dir, 'store.sqlite'), clock);
  stores.push(store);
  const service = new SentMessagesService(
    repository as unknown as SentStateRepository,
    clock,
    pino({ level: 'silent' }),
    accessLog,
    new MetricsService({ service: 'node', nats: 'unused' }),
  );
  return { repository, service, accessLog };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'bl-sent-'));
});

afterEach(() => {
  for (const store of stores.splice(0)) store.onApplicationShutdown();
  rmSync(dir, { recursive: true, force: true });
});

const routing = (recipients: string[]) =>
  create(RoutingReportSchema, { id: 'r1', sender: 'hub', sent: at(0), message: ID, recipients });
const receipt = (sender: string, kind: ReceiptKind, minutes: number, reason = '') =>
  create(ReceiptSchema, {
    id: `${sender}-${kind}`,
    sender,
    sent: at(minutes),
    message: ID,
    origin: 'kz-border',
    kind,
    reason,
  });

describe('SentMessagesService', () => {
  it('reports an accepted message with no recipients until the routing report arrives', async () => {
    const { service } = setup();
    await service.recordAccepted(ID, 'alert');
    expect(await service.status(ID, fixtureReader('red'))).toEqual({
      id: ID,
      kind: 'alert',
      status: 'accepted',
      recipients: [],
    });
  });

  it('records an alert or notice as accepted when JetStream stores it, and no other kind', async () => {
    const { repository, service } = setup();
    await service.recordAccepted('a-1', 'alert');
    await service.recordAccepted('r-1', 'receipt');
    await service.recordAccepted('n-1', 'notice');
    expect([...repository.messages]).toEqual([
      ['a-1', { kind: 'alert', status: 'accepted' }],
      ['n-1', { kind: 'notice', status: 'accepted' }],
    ]);
  });

  it('shows a queued message as queued until JetStream acknowledges it, then accepted', async () => {
    const { service } = setup();
    await service.recordQueued(ID, 'alert', 'TLP:AMBER', { id: ID });
    expect((await service.status(ID, fixtureReader('red'))).status).toBe('queued');
    await service.recordAccepted(ID, 'alert');
    await service.recordQueued(ID, 'alert', 'TLP:AMBER', { id: ID }); // a late write of the submission changes nothing
    expect((await service.status(ID, fixtureReader('red'))).status).toBe('accepted');
  });

  it('knows a message from its routing report alone (state rebuilt from deliveries), its kind once recorded', async () => {
    const { service } = setup();
    await service.applyRouting(routing(['unodc']));
    expect(await service.status(ID, fixtureReader('red'))).toMatchObject({
      kind: 'unknown',
      status: 'accepted',
    });
    await service.recordAccepted(ID, 'alert');
    expect(await service.status(ID, fixtureReader('red'))).toMatchObject({
      kind: 'alert',
      status: 'accepted',
    });
  });

  it('shows a message only to a clearance that admits its label, and an unknown label as TLP:RED', async () => {
    const { service } = setup();
    await service.recordQueued('red-1', 'alert', 'TLP:RED;H2', { id: 'red-1' });
    await service.recordQueued('amber-1', 'alert', 'TLP:AMBER;H2', { id: 'amber-1' });
    await service.applyRouting(routing(['unodc']));
    await expect(service.status('red-1', fixtureReader('amber-strict'))).rejects.toBeInstanceOf(
      UnknownMessageError,
    );
    expect((await service.status('red-1', fixtureReader('red'))).handling).toBe('TLP:RED;H2');
    expect((await service.status('amber-1', fixtureReader('amber'))).status).toBe('queued');
    await expect(service.status(ID, fixtureReader('amber'))).rejects.toBeInstanceOf(UnknownMessageError);
  });

  it('records each answered read in the access log, naming the reader, and none for a message not shown', async () => {
    const { service, accessLog } = setup();
    await service.recordQueued('red-1', 'alert', 'TLP:RED;H2', { id: 'red-1' });
    const supervisor = fixtureReader('red', 'kz-border-supervisor');
    await service.status('red-1', supervisor);
    await expect(service.status('red-1', fixtureReader('amber'))).rejects.toBeInstanceOf(UnknownMessageError);
    await expect(service.status('never-sent', supervisor)).rejects.toBeInstanceOf(UnknownMessageError);
    expect(accessLog.export(supervisor, 0, 10).entries).toEqual([
      expect.objectContaining({
        at: NOW.toISOString(),
        principal: 'person:kz-border-supervisor',
        action: 'read',
        message: 'red-1',
      }),
    ]);
  });

  it('refuses the status of a message this node never sent', async () => {
    const { service } = setup();
    await expect(service.status('never-sent', fixtureReader('red'))).rejects.toBeInstanceOf(
      UnknownMessageError,
    );
  });

  it('sets each routed recipient to pending', async () => {
    const { service } = setup();
    await service.recordAccepted(ID, 'alert');
    await service.applyRouting(routing(['tj-border', 'unodc']));
    const { recipients } = await service.status(ID, fixtureReader('red'));
    expect(recipients.map(({ node, state }) => [node, state])).toEqual([
      ['tj-border', 'pending'],
      ['unodc', 'pending'],
    ]);
  });

  it('keeps a recipient whose receipt came before the routing report where the receipt put it', async () => {
    const { service } = setup();
    await service.recordAccepted(ID, 'alert');
    await service.applyReceipt(receipt('tj-border', ReceiptKind.DELIVERED, 1));
    await service.applyRouting(routing(['tj-border']));
    expect((await service.status(ID, fixtureReader('red'))).recipients).toEqual([
      { node: 'tj-border', state: 'delivered', updatedAt: new Date(NOW.getTime() + 60_000).toISOString() },
    ]);
  });

  it('advances a recipient through its receipts and never back', async () => {
    const { service } = setup();
    await service.recordAccepted(ID, 'alert');
    await service.applyRouting(routing(['tj-border']));
    await service.applyReceipt(receipt('tj-border', ReceiptKind.READ, 2));
    await service.applyReceipt(receipt('tj-border', ReceiptKind.DELIVERED, 1)); // late, out of order
    expect((await service.status(ID, fixtureReader('red'))).recipients[0]?.state).toBe('read');
    await service.applyReceipt(receipt('tj-border', ReceiptKind.ACKNOWLEDGED, 3));
    await service.applyReceipt(receipt('tj-border', ReceiptKind.DECLINED, 4, 'too late'));
    expect((await service.status(ID, fixtureReader('red'))).recipients[0]?.state).toBe('acknowledged');
  });

  it('keeps the reason of a declining recipient', async () => {
    const { service } = setup();
    await service.recordAccepted(ID, 'notice');
    await service.applyReceipt(receipt('uz-customs', ReceiptKind.DECLINED, 5, 'not our competence'));
    expect((await service.status(ID, fixtureReader('red'))).recipients).toEqual([
      {
        node: 'uz-customs',
        state: 'declined',
        updatedAt: new Date(NOW.getTime() + 5 * 60_000).toISOString(),
        reason: 'not our competence',
      },
    ]);
  });

  it('decides again on what a concurrent writer stored when it loses the race', async () => {
    const { repository, service } = setup();
    await service.recordAccepted(ID, 'alert');
    repository.interfere = () =>
      repository.recipients.set(`${ID}/tj-border`, JSON.stringify({ state: 'acknowledged', updatedAt: 'x' }));
    await service.applyReceipt(receipt('tj-border', ReceiptKind.READ, 2));
    expect((await service.status(ID, fixtureReader('red'))).recipients[0]?.state).toBe('acknowledged');
  });

  it('marks a message the hub refused as rejected, with the typed reason and violations', async () => {
    const { service } = setup();
    await service.recordAccepted(ID, 'alert');
    await service.applyRejection(
      create(RejectionSchema, {
        id: 'x1',
        sender: 'hub',
        sent: at(0),
        message: ID,
        subject: 'bl.in.kz-border.alert',
        reason: RejectionReason.UNKNOWN_ADDRESSEE,
        detail: 'unknown addressee',
        violations: [{ field: 'addressees.nodes[0]', reason: 'is not a registered node' }],
      }),
    );
    expect(await service.status(ID, fixtureReader('red'))).toEqual({
      id: ID,
      kind: 'alert',
      status: 'rejected',
      rejection: {
        reason: 'unknown-addressee',
        detail: 'unknown addressee',
        violations: [{ field: 'addressees.nodes[0]', reason: 'is not a registered node' }],
      },
      recipients: [],
    });
  });

  it('keeps a rejection that arrived before the acceptance was recorded', async () => {
    const { service } = setup();
    await service.applyRejection(
      create(RejectionSchema, {
        id: 'x1',
        sender: 'hub',
        message: ID,
        subject: 'bl.in.kz-border.notice',
        reason: RejectionReason.INVALID,
      }),
    );
    await service.recordAccepted(ID, 'notice');
    expect(await service.status(ID, fixtureReader('red'))).toMatchObject({
      kind: 'notice',
      status: 'rejected',
    });
  });
});
