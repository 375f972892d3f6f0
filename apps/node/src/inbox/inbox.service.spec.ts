import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Clearance } from '#access';
import { MetricsService } from '#runtime';
import { firstValueFrom, take, toArray } from 'rxjs';
import { fixtureAccessLog, fixtureReader } from '../../test/access.fixtures.js';
import { admits } from '../access/clearance-policy.js';
import { AccessLogUnavailableError } from '../access-log/access-log.errors.js';
import type { AccessLogRepository } from '../access-log/access-log.repository.js';
import { UnknownMessageError } from '../common/common.errors.js';
import { serveRequest } from '../common/request-id.js';
import { Clock } from '../common/clock.js';
import type { NodeConfig } from '../config/node.config.js';
import type { HeldIndexes } from '../indexes/held-indexes.service.js';
import { HandedOutRepository } from './handed-out.repository.js';
import type { InboxItem, InboxKind } from './inbox-item.js';
import type { InboxRepository, InboxSlice } from './inbox.repository.js';
import type { ItemChange, RecordedChanges } from './item-state.js';
import { InboxService } from './inbox.service.js';

/** In-memory stand-in with the repository's take-in-once semantics; `items` is oldest first. */
class FakeInbox implements Pick<InboxRepository, keyof InboxRepository> {
  readonly seen = new Set<string>();
  readonly items: InboxItem[] = [];
  readonly changes = new Map<string, RecordedChanges>();

  // Keyed by sender and changed alert, as the repository's hashes are.
  async recordChanges(changes: readonly ItemChange[]): Promise<void> {
    for (const change of changes) {
      const key = `${change.sender} ${change.id}`;
      this.changes.set(key, { ...this.changes.get(key), [change.state]: change });
    }
  }

  async changesOf(items: readonly Pick<InboxItem, 'id' | 'sender'>[]): Promise<RecordedChanges[]> {
    return items.map((item) => this.changes.get(`${item.sender} ${item.id}`) ?? {});
  }

  async takeIn(items: readonly InboxItem[]): Promise<boolean[]> {
    return items.map((item) => {
      if (this.seen.has(item.id)) return false;
      this.seen.add(item.id);
      this.items.push(item);
      return true;
    });
  }

  async get(id: string): Promise<InboxItem | undefined> {
    return this.items.find((item) => item.id === id);
  }

  async clearViaSite(id: string): Promise<boolean> {
    const index = this.items.findIndex((item) => item.id === id);
    const found = this.items[index];
    if (found?.viaSite !== true) return false;
    const cleared = { ...found };
    delete cleared.viaSite;
    this.items[index] = cleared;
    return true;
  }

  // Like the repository's list per clearance: positions count only what the clearance admits.
  async slice(before: number | undefined, count: number, clearance: Clearance): Promise<InboxSlice> {
    const visible = this.items.filter((entry) => admits(clearance, entry.handling));
    const end = Math.min(before ?? visible.length, visible.length);
    const taken = visible.slice(Math.max(0, end - count), end).reverse();
    return {
      ids: taken.map((entry) => entry.id),
      ordinals: taken.map((_, i) => end - 1 - i),
      items: new Map(taken.map((entry) => [entry.id, entry])),
    };
  }
}

const item = (id: string, kind: InboxKind = 'alert', handling = 'TLP:AMBER;H2'): InboxItem => ({
  id,
  kind,
  sender: 'tj-border',
  receivedAt: '2025-03-14T08:30:00.000Z',
  region: 'afghan-border',
  category: 'salw',
  verified: true,
  handling,
  message: { id },
});

let dir: string;
const logs: (HandedOutRepository | AccessLogRepository)[] = [];

// The inbox's clock, moved by the expiry tests.
const NOW = new Date('2025-03-14T09:00:00.000Z');

function setup() {
  const clock = { now: () => NOW } as Clock;
  const repository = new FakeInbox();
  const metrics = new MetricsService({ service: 'node', nats: 'unused' });
  const file = join(dir, 'store.sqlite');
  const handedOut = new HandedOutRepository({ NODE_STORE_FILE: file } as NodeConfig, new Clock());
  const access = fixtureAccessLog(file);
  logs.push(handedOut, access.repository);
  const inbox = new InboxService(
    repository as unknown as InboxRepository,
    handedOut,
    metrics,
    access.accessLog,
    clock,
    { file: async () => undefined } as unknown as HeldIndexes,
  );
  return { repository, metrics, inbox, clock, accessLog: access.accessLog, accessStore: access.repository };
}

describe('InboxService', () => {
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'bl-inbox-'));
  });

  afterEach(() => {
    for (const log of logs.splice(0)) log.onApplicationShutdown();
    rmSync(dir, { recursive: true, force: true });
  });

  it('takes a message in once and drops a second delivery of the same id', async () => {
    const { inbox, repository } = setup();
    expect(await inbox.takeIn([item('a1')])).toEqual([true]);
    expect(await inbox.takeIn([{ ...item('a1'), receivedAt: 'later' }])).toEqual([false]);
    expect(repository.items).toHaveLength(1);
  });

  it('takes a batch in order, each id once, and announces each new item once', async () => {
    const { inbox, repository } = setup();
    const announced: string[] = [];
    inbox.arrivals$('red').subscribe((arrival) => announced.push(arrival.id));
    await inbox.takeIn([item('a1')]);
    expect(await inbox.takeIn([item('a2'), item('a1'), item('a3'), item('a2')])).toEqual([
      true,
      false,
      true,
      false,
    ]);
    expect(repository.items.map((entry) => entry.id)).toEqual(['a1', 'a2', 'a3']);
    expect(announced).toEqual(['a1', 'a2', 'a3']);
  });

  it('announces only new items to stream subscribers', async () => {
    const { inbox } = setup();
    const arrivals = firstValueFrom(inbox.arrivals$('red').pipe(take(2), toArray()));
    await inbox.takeIn([item('a1')]);
    await inbox.takeIn([item('a1')]);
    await inbox.takeIn([item('a2')]);
    expect((await arrivals).map((arrival) => arrival.id)).toEqual(['a1', 'a2']);
  });

  it('stores an item again after Redis lost the inbox, but neither announces nor counts it twice', async () => {
    const { inbox, repository, metrics } = setup();
    const announced: string[] = [];
    inbox.arrivals$('red').subscribe((arrival) => announced.push(arrival.id));
    await inbox.takeIn([item('a1')]);
    repository.seen.clear();
    repository.items.length = 0;
    expect(await inbox.takeIn([item('a1')])).toEqual([true]);
    await inbox.takeIn([item('a2')]);
    expect(repository.items.map((stored) => stored.id)).toEqual(['a1', 'a2']);
    expect(announced).toEqual(['a1', 'a2']);
    expect((await metrics.delivered.get()).values).toEqual([expect.objectContaining({ value: 2 })]);
  });

  it('counts items taken in by kind', async () => {
    const { inbox, metrics } = setup();
    await inbox.takeIn([item('a1')]);
    await inbox.takeIn([item('a1')]);
    await inbox.takeIn([item('n1', 'notice')]);
    const values = (await metrics.delivered.get()).values.map((v) => [v.labels.kind, v.value]);
    expect(values).toEqual(
      expect.arrayContaining([
        ['alert', 1],
        ['notice', 1],
      ]),
    );
  });

  it('lists newest first, at most the limit', async () => {
    const { inbox } = setup();
    for (const id of ['a1', 'a2', 'a3']) await inbox.takeIn([item(id)]);
    expect((await inbox.list({ limit: 2 }, fixtureReader('red'))).items.map((i) => i.id)).toEqual([
      'a3',
      'a2',
    ]);
  });

  it('pages with a cursor that neither skips nor repeats items arriving meanwhile', async () => {
    const { inbox } = setup();
    for (const id of ['a1', 'a2', 'a3', 'a4', 'a5']) await inbox.takeIn([item(id)]);
    const first = await inbox.list({ limit: 2 }, fixtureReader('red'));
    expect(first.items.map((i) => i.id)).toEqual(['a5', 'a4']);
    await inbox.takeIn([item('a6')]);
    const second = await inbox.list({ limit: 2, before: first.next! }, fixtureReader('red'));
    expect(second.items.map((i) => i.id)).toEqual(['a3', 'a2']);
    const third = await inbox.list({ limit: 2, before: second.next! }, fixtureReader('red'));
    expect(third).toEqual({ items: [expect.objectContaining({ id: 'a1' })] });
  });

  it('filters by kind across pages until the limit is met', async () => {
    const { inbox } = setup();
    await inbox.takeIn([item('n-old', 'notice')]);
    for (let i = 0; i < 450; i++) await inbox.takeIn([item(`a${i}`)]);
    await inbox.takeIn([item('n-new', 'notice')]);
    expect(
      (await inbox.list({ limit: 5, kind: 'notice' }, fixtureReader('red'))).items.map((i) => i.id),
    ).toEqual(['n-new', 'n-old']);
    expect(await inbox.list({ limit: 5, kind: 'reply' }, fixtureReader('red'))).toEqual({ items: [] });
  });

  it('gives the cursor after the last item a filtered page returns', async () => {
    const { inbox } = setup();
    for (const id of ['n1', 'a1', 'n2', 'a2', 'n3'])
      await inbox.takeIn([item(id, id.startsWith('n') ? 'notice' : 'alert')]);
    const first = await inbox.list({ limit: 2, kind: 'notice' }, fixtureReader('red'));
    expect(first.items.map((i) => i.id)).toEqual(['n3', 'n2']);
    const second = await inbox.list({ limit: 2, kind: 'notice', before: first.next! }, fixtureReader('red'));
    expect(second).toEqual({ items: [expect.objectContaining({ id: 'n1' })] });
  });

  it('shows a reader without clearance no TLP:RED item, no cursor gap and no stream event for one', async () => {
    const { inbox } = setup();
    const streamed: string[] = [];
    inbox.arrivals$('amber').subscribe((arrival) => streamed.push(arrival.id));
    await inbox.takeIn([item('a1')]);
    await inbox.takeIn([item('r1', 'alert', 'TLP:RED;H2')]);
    await inbox.takeIn([item('s1', 'alert', 'TLP:AMBER+STRICT')]);
    await inbox.takeIn([item('a2')]);
    await inbox.takeIn([item('u1', 'reply', '')]);
    expect(streamed).toEqual(['a1', 'a2']);
    const first = await inbox.list({ limit: 1 }, fixtureReader('amber'));
    expect(first.items.map((i) => i.id)).toEqual(['a2']);
    expect(first.next).toBe(1);
    expect(
      (await inbox.list({ limit: 5, before: first.next! }, fixtureReader('amber'))).items.map((i) => i.id),
    ).toEqual(['a1']);
    expect((await inbox.list({ limit: 5 }, fixtureReader('amber-strict'))).items.map((i) => i.id)).toEqual([
      'a2',
      's1',
      'a1',
    ]);
    expect((await inbox.list({ limit: 5 }, fixtureReader('red'))).items).toHaveLength(5);
    await expect(inbox.answerable('r1', 'amber')).rejects.toThrow('unknown message r1');
    expect(await inbox.get('r1', 'red')).toEqual(expect.objectContaining({ id: 'r1' }));
  });

  it('records every item of a page in the access log, naming the reader, before handing it out', async () => {
    const { inbox, accessLog } = setup();
    for (const id of ['a1', 'a2', 'a3']) await inbox.takeIn([item(id)]);
    const reader = fixtureReader('red', 'aigerim');
    // As the HTTP edge serves it: in the context of its request id.
    await new Promise((resolve) => serveRequest('desk-1', () => resolve(inbox.list({ limit: 2 }, reader))));
    await inbox.list({ limit: 2, kind: 'reply' }, reader);
    expect(accessLog.export(reader, 0, 10).entries).toEqual([
      expect.objectContaining({
        principal: 'person:aigerim',
        action: 'list',
        message: 'a3',
        request: 'desk-1',
      }),
      expect.objectContaining({
        principal: 'person:aigerim',
        action: 'list',
        message: 'a2',
        request: 'desk-1',
      }),
    ]);
  });

  it('reads one item by id, recorded as a read first, and answers one above the clearance as one it does not hold', async () => {
    const { inbox, accessLog } = setup();
    await inbox.takeIn([item('a1'), item('r1', 'alert', 'TLP:RED;H2')]);
    const reader = fixtureReader('amber', 'aigerim');
    const read = await new Promise((resolve) =>
      serveRequest('desk-2', () => resolve(inbox.read('a1', reader))),
    );
    expect(read).toEqual(expect.objectContaining({ id: 'a1', state: 'active', verified: true }));
    await expect(inbox.read('r1', reader)).rejects.toEqual(new UnknownMessageError('r1'));
    await expect(inbox.read('nothing', reader)).rejects.toEqual(new UnknownMessageError('nothing'));
    expect(await inbox.read('r1', fixtureReader('red'))).toEqual(expect.objectContaining({ id: 'r1' }));
    expect(accessLog.export(reader, 0, 10).entries).toEqual([
      expect.objectContaining({
        principal: 'person:aigerim',
        action: 'read',
        message: 'a1',
        request: 'desk-2',
      }),
      expect.objectContaining({ action: 'read', message: 'r1' }),
    ]);
  });

  it('hands out no item it cannot record', async () => {
    const { inbox, accessStore } = setup();
    await inbox.takeIn([item('a1')]);
    logs.splice(logs.indexOf(accessStore), 1)[0]!.onApplicationShutdown();
    await expect(inbox.read('a1', fixtureReader())).rejects.toBeInstanceOf(AccessLogUnavailableError);
  });

  it('records each streamed item before it is emitted, and ends the stream rather than emit one unrecorded', async () => {
    const { inbox, accessLog, accessStore } = setup();
    const reader = fixtureReader('amber');
    const seen: { id: string; logged: string[] }[] = [];
    let failure: unknown;
    inbox.stream(reader).subscribe({
      next: (event) =>
        seen.push({
          id: event.type === 'item' ? event.item.id : event.change.id,
          logged: accessLog.export(reader, 0, 10).entries.map((e) => e.message),
        }),
      error: (error: unknown) => (failure = error),
    });
    await inbox.takeIn([item('a1')]);
    await inbox.takeIn([item('r1', 'alert', 'TLP:RED;H2')]);
    expect(seen).toEqual([{ id: 'a1', logged: ['a1'] }]);
    logs.splice(logs.indexOf(accessStore), 1)[0]!.onApplicationShutdown();
    await inbox.takeIn([item('a2')]);
    expect(seen).toHaveLength(1);
    expect(failure).toBeInstanceOf(AccessLogUnavailableError);
  });

  it('answers no page it cannot record', async () => {
    const { inbox, accessStore } = setup();
    await inbox.takeIn([item('a1')]);
    logs.splice(logs.indexOf(accessStore), 1)[0]!.onApplicationShutdown();
    await expect(inbox.list({ limit: 5 }, fixtureReader())).rejects.toBeInstanceOf(AccessLogUnavailableError);
  });

  describe('updates, cancels and expiry', () => {
    const change = (id: string, type: string, references: string[], sender = 'tj-border'): InboxItem => ({
      ...item(id),
      sender,
      message: { id, type, references },
    });

    it('shows an alert superseded by its latest update and cancelled by a cancel, the update itself active', async () => {
      const { inbox } = setup();
      await inbox.takeIn([item('a1'), change('u1', 'ALERT_TYPE_UPDATE', ['a1'])]);
      await inbox.takeIn([change('u2', 'ALERT_TYPE_UPDATE', ['a1', 'u1'])]);
      expect(await inbox.get('a1', 'red')).toEqual(
        expect.objectContaining({ state: 'superseded', supersededBy: 'u2' }),
      );
      expect(await inbox.get('u1', 'red')).toEqual(
        expect.objectContaining({ state: 'superseded', supersededBy: 'u2' }),
      );
      expect(await inbox.get('u2', 'red')).toEqual(expect.objectContaining({ state: 'active' }));
      await inbox.takeIn([change('c1', 'ALERT_TYPE_CANCEL', ['u2'])]);
      expect(await inbox.get('u2', 'red')).toEqual(
        expect.objectContaining({ state: 'cancelled', cancelledBy: 'c1' }),
      );
    });

    it('ignores a change from another sender, or an unverified one, and applies one that came before the original', async () => {
      const { inbox } = setup();
      await inbox.takeIn([
        change('x1', 'ALERT_TYPE_CANCEL', ['a1'], 'kz-border'),
        { ...change('x2', 'ALERT_TYPE_CANCEL', ['a1']), verified: false },
        change('u1', 'ALERT_TYPE_UPDATE', ['a1']),
      ]);
      await inbox.takeIn([item('a1')]);
      const shown = await inbox.get('a1', 'red');
      expect(shown).toEqual(expect.objectContaining({ state: 'superseded', supersededBy: 'u1' }));
      expect(shown).not.toHaveProperty('cancelledBy');
    });

    it('announces the new state on the stream, only to readers who may see the changed item', async () => {
      const { inbox } = setup();
      const events = (clearance: Clearance) => {
        const seen: unknown[] = [];
        inbox
          .stream(fixtureReader(clearance))
          .subscribe((event) => event.type === 'state' && seen.push(event.change));
        return seen;
      };
      await inbox.takeIn([item('a1'), item('r1', 'alert', 'TLP:RED;H2')]);
      const [red, amber] = [events('red'), events('amber')];
      await inbox.takeIn([
        change('c1', 'ALERT_TYPE_CANCEL', ['a1']),
        change('c2', 'ALERT_TYPE_CANCEL', ['r1']),
      ]);
      expect(red).toEqual([
        { id: 'a1', state: 'cancelled', by: 'c1' },
        { id: 'r1', state: 'cancelled', by: 'c2' },
      ]);
      expect(amber).toEqual([{ id: 'a1', state: 'cancelled', by: 'c1' }]);
    });

    it('leaves an expired alert out of the default listing and shows it, marked, when asked', async () => {
      const { inbox } = setup();
      const expiring = (id: string, expires: string): InboxItem => ({
        ...item(id),
        message: { id, expires },
      });
      await inbox.takeIn([
        expiring('old', '2025-03-14T08:59:59.000Z'),
        expiring('current', '2025-03-14T09:00:01.000Z'),
      ]);
      const reader = fixtureReader();
      expect((await inbox.list({ limit: 5 }, reader)).items.map((shown) => shown.id)).toEqual(['current']);
      const all = await inbox.list({ limit: 5, includeExpired: true }, reader);
      expect(all.items.map((shown) => [shown.id, shown.expired ?? false])).toEqual([
        ['current', false],
        ['old', true],
      ]);
    });
  });

  it('completes the stream at shutdown so open event streams end', async () => {
    const { inbox } = setup();
    const done = firstValueFrom(inbox.arrivals$('red').pipe(toArray()));
    inbox.onModuleDestroy();
    expect(await done).toEqual([]);
  });
});
