import { Injectable } from '@nestjs/common';
import { clearanceCovers } from '#access';
import { DIRECT_REGION, GENERAL_CATEGORY } from '#contracts';
import { v5 as uuidv5 } from 'uuid';
import { admits, clearanceFor } from '../access/clearance-policy.js';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { NodeConfig } from '../config/node.config.js';
import type { InboxItem } from '../inbox/inbox-item.js';
import { InboxService } from '../inbox/inbox.service.js';
import { threadOf } from '../indexes/thread-of.js';
import { seizureAlertOf } from '../indexes/trace-index.repository.js';
import { writtenSerials, type SerialEntry } from './serial-entry.js';
import { ENTRIES_PER_SERIAL, SerialIndexRepository } from './serial-index.repository.js';
import { isPartial, matchSerials, normaliseSerial } from './serial-number.js';

// Match item ids are derived from the new message and its serial, so finding a match twice stores it once.
const MATCH_NAMESPACE = 'c6b0e1b4-1f0e-4c55-9a57-53a1e5d6f0a2';
// Earlier messages one match item names; it counts them all.
const MATCH_LIST = 20;

/** A message as the index reads it. */
export interface Indexable {
  id: string;
  kind: string;
  sender: string;
  handling: string;
  message: unknown;
}

/** An indexed entry and how it matched. */
type SerialHit = SerialEntry & { match: 'exact' | 'partial' };

/** One search hit: a message naming the serial, and how it matched. */
export type SearchHit = Omit<SerialHit, 'case'>;

// The stricter of two handling labels: a match may only be seen by who may see both messages.
function stricter(a: string, b: string): string {
  return clearanceCovers(clearanceFor(b), clearanceFor(a)) ? b : a;
}

/** At most `limit` of `entries` per serial, in the order given. */
function newestPerSerial(entries: readonly SerialEntry[], limit: number): SerialEntry[] {
  const counts = new Map<string, number>();
  return entries.filter((entry) => {
    const count = (counts.get(entry.serial) ?? 0) + 1;
    counts.set(entry.serial, count);
    return count <= limit;
  });
}

/**
 * Correlates weapon serials across everything this node holds, and nothing else: each alert or trace
 * request it takes in or sends is indexed by its normalised serials, and one whose serial matches
 * earlier messages of other cases puts a `match` item in the inbox naming them and itself, labelled
 * with the strictest of their handlings.
 * Nothing is correlated at the hub, and a node only matches what it was entitled to receive.
 */
@Injectable()
export class SerialsService {
  constructor(
    private readonly config: NodeConfig,
    private readonly index: SerialIndexRepository,
    private readonly inbox: InboxService,
    private readonly clock: Clock,
    private readonly accessLog: AccessLogService,
  ) {}

  /**
   * Indexes `messages` in order and, for each serial of one that matches earlier messages of other
   * cases, takes in one match item naming them. Repeatable: entries are sets and a match item's id is
   * derived from the message and the serial, so a redelivery stores nothing twice (it may find a
   * match more, with a message indexed after it the first time). A batch costs the same few
   * Redis calls as one message: the index is read once for all of its serials, each message is
   * matched against that and the batch's messages before it, and all are indexed and all match items
   * taken in at once.
   */
  async correlate(messages: readonly Indexable[]): Promise<void> {
    const entries = messages.map((message) => this.entriesOf(message));
    const all = entries.flat();
    if (all.length === 0) return;
    const matches: InboxItem[] = [];
    // As the index would read it after each message: newest first, at most ENTRIES_PER_SERIAL a serial.
    let known = await this.hits(all.map((entry) => entry.serial));
    for (const own of entries) {
      for (const entry of own) {
        const earlier = known
          .filter((hit) => !hit.case.some((link) => entry.case.includes(link)))
          .map((hit) => ({ ...hit, match: matchSerials(entry.serial, hit.serial) }))
          .filter((hit): hit is SerialHit => hit.match !== undefined);
        if (earlier.length > 0) matches.push(this.matchItem(entry, earlier));
      }
      known = newestPerSerial([...own, ...known], ENTRIES_PER_SERIAL);
    }
    await this.index.add(all, this.clock.now().getTime());
    if (matches.length > 0) await this.inbox.takeIn(matches);
  }

  /**
   * Every indexed message whose serial matches `written`, exactly or partially, that `reader` may
   * see; recorded in the access log (`read`) when this returns.
   */
  async search(written: string, reader: Principal): Promise<SearchHit[]> {
    const serial = normaliseSerial(written);
    if (serial === '') return [];
    const hits = (await this.hits([serial])).flatMap(({ case: _case, ...entry }) => {
      const match = matchSerials(serial, entry.serial);
      return match !== undefined && admits(reader.clearance, entry.handling) ? [{ ...entry, match }] : [];
    });
    this.accessLog.record(reader, 'read', [...new Set(hits.map((hit) => hit.message))]);
    return hits;
  }

  private entriesOf({ id, kind, sender, handling, message }: Indexable): SerialEntry[] {
    const { references = [] } = message as { references?: string[] };
    const seizure = seizureAlertOf(kind, message);
    const related = [id, threadOf(kind, message), ...references, ...(seizure === undefined ? [] : [seizure])];
    return writtenSerials(kind, message).flatMap((written) => {
      const serial = normaliseSerial(written);
      return serial === ''
        ? []
        : [{ serial, written, message: id, kind, sender, handling, case: [...new Set(related)] }];
    });
  }

  // The indexed entries of every serial that matches one of `serials`: a complete one is looked up
  // as it is and compared with the partial ones; a partial one with all.
  private async hits(serials: readonly string[]): Promise<SerialEntry[]> {
    const known = await this.index.serials(serials.some(isPartial) ? 'all' : 'partial');
    const candidates = new Set([
      ...serials.filter((serial) => !isPartial(serial)),
      ...known.filter((other) => serials.some((serial) => matchSerials(serial, other) !== undefined)),
    ]);
    return this.index.entries([...candidates]);
  }

  // One item for the new entry: the earlier messages newest first (by their time-ordered ids), at most
  // MATCH_LIST of them, under the strictest handling among all it names.
  private matchItem(entry: SerialEntry, earlier: readonly SerialHit[]): InboxItem {
    const named = [...earlier].sort((a, b) => b.message.localeCompare(a.message)).slice(0, MATCH_LIST);
    const side = ({ message, kind, sender, written }: SerialEntry) => ({
      id: message,
      kind,
      sender,
      serial: written,
    });
    const id = uuidv5(`${entry.message} ${entry.serial}`, MATCH_NAMESPACE);
    return {
      id,
      kind: 'match',
      sender: this.config.NODE_ID,
      receivedAt: this.clock.now().toISOString(),
      region: DIRECT_REGION,
      category: GENERAL_CATEGORY,
      verified: true,
      handling: named.reduce((label, hit) => stricter(label, hit.handling), entry.handling),
      message: {
        id,
        serial: entry.serial,
        match: named.some((hit) => hit.match === 'exact') ? 'exact' : 'partial',
        messages: [...named.reverse().map(side), side(entry)],
        // Of the newest the index read for the serial: a serial named in very many messages counts
        // only those.
        earlier: earlier.length,
      },
    };
  }
}
