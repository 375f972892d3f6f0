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
import { writtenSerials, type SerialEntry } from './serial-entry.js';
import { SerialIndexRepository } from './serial-index.repository.js';
import { isPartial, matchSerials, normaliseSerial } from './serial-number.js';

// Match item ids are derived from the pair and the serial, so finding a match twice stores it once.
const MATCH_NAMESPACE = 'c6b0e1b4-1f0e-4c55-9a57-53a1e5d6f0a2';

/** A message as the index reads it. */
export interface Indexable {
  id: string;
  kind: string;
  sender: string;
  handling: string;
  message: unknown;
}

/** One search hit: an indexed entry and how it matched. */
export type SerialHit = SerialEntry & { match: 'exact' | 'partial' };

// The stricter of two handling labels: a match may only be seen by who may see both messages.
function stricter(a: string, b: string): string {
  return clearanceCovers(clearanceFor(b), clearanceFor(a)) ? b : a;
}

/**
 * Correlates weapon serials across everything this node holds, and nothing else: each alert or trace
 * request it takes in or sends is indexed by its normalised serials, and one that matches an earlier
 * message puts a `match` item in the inbox naming both, labelled with the stricter of their handlings.
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
   * Indexes `messages` in order and takes a match item in for each earlier message one of them
   * matches. Repeatable: entries are sets and match ids are derived, so a redelivery adds nothing.
   */
  async correlate(messages: readonly Indexable[]): Promise<void> {
    for (const message of messages) {
      const entries = this.entriesOf(message);
      if (entries.length === 0) continue;
      const earlier = await this.hits(entries.map((entry) => entry.serial));
      const matches = entries.flatMap((entry) =>
        earlier.flatMap((hit) => {
          if (hit.message === message.id) return [];
          const match = matchSerials(entry.serial, hit.serial);
          return match === undefined ? [] : [this.matchItem(entry, hit, match)];
        }),
      );
      await this.index.add(entries);
      if (matches.length > 0) await this.inbox.takeIn(matches);
    }
  }

  /**
   * Every indexed message whose serial matches `written`, exactly or partially, that `reader` may
   * see; recorded in the access log (`read`) when this returns.
   */
  async search(written: string, reader: Principal): Promise<SerialHit[]> {
    const serial = normaliseSerial(written);
    if (serial === '') return [];
    const hits = (await this.hits([serial]))
      .map((entry) => ({ ...entry, match: matchSerials(serial, entry.serial) }))
      .filter((hit): hit is SerialHit => hit.match !== undefined && admits(reader.clearance, hit.handling));
    this.accessLog.record(reader, 'read', [...new Set(hits.map((hit) => hit.message))]);
    return hits;
  }

  private entriesOf({ id, kind, sender, handling, message }: Indexable): SerialEntry[] {
    return writtenSerials(kind, message).flatMap((written) => {
      const serial = normaliseSerial(written);
      return serial === '' ? [] : [{ serial, written, message: id, kind, sender, handling }];
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

  private matchItem(entry: SerialEntry, earlier: SerialEntry, match: 'exact' | 'partial'): InboxItem {
    const pair = [earlier, entry].map(({ message, kind, sender, written }) => ({
      id: message,
      kind,
      sender,
      serial: written,
    }));
    const id = uuidv5(
      `${pair
        .map((side) => side.id)
        .sort()
        .join(' ')} ${entry.serial} ${earlier.serial}`,
      MATCH_NAMESPACE,
    );
    return {
      id,
      kind: 'match',
      sender: this.config.NODE_ID,
      receivedAt: this.clock.now().toISOString(),
      region: DIRECT_REGION,
      category: GENERAL_CATEGORY,
      verified: true,
      handling: stricter(entry.handling, earlier.handling),
      message: { id, serial: entry.serial, match, messages: pair },
    };
  }
}
