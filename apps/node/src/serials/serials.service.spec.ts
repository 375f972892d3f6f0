import type { AccessLogService } from '../access-log/access-log.service.js';
import type { Clock } from '../common/clock.js';
import type { NodeConfig } from '../config/node.config.js';
import type { InboxItem } from '../inbox/inbox-item.js';
import type { InboxService } from '../inbox/inbox.service.js';
import type { SerialEntry } from './serial-entry.js';
import type { SerialIndexRepository } from './serial-index.repository.js';
import { isPartial } from './serial-number.js';
import { SerialsService, type Indexable } from './serials.service.js';

/** The index as Redis keeps it: entries per serial in the order added (newest read first), sets of serials. */
class IndexInMemory {
  readonly bySerial = new Map<string, SerialEntry[]>();
  /** Redis calls a correlation made: one per read, one per transaction. */
  calls = 0;

  async add(entries: readonly SerialEntry[]): Promise<void> {
    this.calls++;
    for (const entry of entries) {
      const list = this.bySerial.get(entry.serial) ?? [];
      if (!list.some((known) => JSON.stringify(known) === JSON.stringify(entry))) list.unshift(entry);
      this.bySerial.set(entry.serial, list);
    }
  }

  async serials(which: 'all' | 'partial'): Promise<string[]> {
    this.calls++;
    return [...this.bySerial.keys()].filter((serial) => which === 'all' || isPartial(serial));
  }

  async entries(serials: readonly string[]): Promise<SerialEntry[]> {
    this.calls++;
    return serials.flatMap((serial) => (this.bySerial.get(serial) ?? []).slice(0, 50));
  }
}

function setUp() {
  const index = new IndexInMemory();
  const taken: InboxItem[] = [];
  let takeIns = 0;
  const inbox = {
    takeIn: async (items: readonly InboxItem[]) => {
      takeIns++;
      taken.push(...items);
      return items.map(() => true);
    },
  };
  const service = new SerialsService(
    { NODE_ID: 'tj-border' } as NodeConfig,
    index as unknown as SerialIndexRepository,
    inbox as unknown as InboxService,
    { now: () => new Date('2026-12-04T10:00:00Z') } as Clock,
    {} as AccessLogService,
  );
  return { service, index, taken, takeIns: () => takeIns };
}

// A seizure alert naming one weapon, in its own case unless `incident` ties it to another.
function alert(id: string, serialNumber: string, incident = `incident-${id}`): Indexable {
  return {
    id,
    kind: 'alert',
    sender: 'kz-border',
    handling: 'TLP:AMBER',
    message: { id, incident, items: [{ weapon: { serialNumber } }] },
  };
}

const stream = [
  alert('a1', 'ЛО 2645'),
  alert('a2', 'LO-2645'),
  // Same case as a1 (its update restating the weapon): no match with a1, one with a2.
  alert('a3', 'ЛО 2645', 'incident-a1'),
  alert('a4', 'LO26?5'),
  alert('a5', 'AK 1974'),
  alert('a6', 'ak-1974'),
  alert('a7', 'LO 2645'),
];

// What each match item says: the new message, and the earlier ones it names.
const named = (items: readonly InboxItem[]) =>
  items.map((item) => {
    const { messages, match, earlier } = item.message as {
      messages: { id: string }[];
      match: string;
      earlier: number;
    };
    return { id: item.id, match, earlier, messages: messages.map((message) => message.id) };
  });

describe('SerialsService.correlate', () => {
  it('matches a batch as it matches its messages one at a time, against the index and the batch before each', async () => {
    const oneByOne = setUp();
    for (const message of stream) await oneByOne.service.correlate([message]);
    const batched = setUp();
    await batched.service.correlate(stream);

    expect(named(batched.taken)).toEqual(named(oneByOne.taken));
    expect(named(batched.taken).map(({ messages }) => messages)).toEqual([
      ['a1', 'a2'],
      ['a2', 'a3'],
      ['a1', 'a2', 'a3', 'a4'],
      ['a5', 'a6'],
      ['a1', 'a2', 'a3', 'a4', 'a7'],
    ]);
    expect(batched.index.bySerial).toEqual(oneByOne.index.bySerial);
  });

  it('reads and writes the index and takes in the match items once for a whole batch', async () => {
    const { service, index, takeIns } = setUp();
    await service.correlate(stream);
    // The partial serial makes the index read every serial: its set, their entries, the transaction.
    expect(index.calls).toBe(3);
    expect(takeIns()).toBe(1);
  });

  it('matches a later batch against what earlier ones indexed', async () => {
    const { service, taken } = setUp();
    await service.correlate(stream.slice(0, 2));
    await service.correlate(stream.slice(2));
    expect(named(taken).map(({ messages }) => messages.at(-1))).toEqual(['a2', 'a3', 'a4', 'a6', 'a7']);
  });
});
