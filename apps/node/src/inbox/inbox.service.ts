import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Clearance } from '#access';
import { MetricsService } from '#runtime';
import { filter, map, merge, Subject, type Observable } from 'rxjs';
import { admits } from '../access/clearance-policy.js';
import type { Principal } from '../access/principal.js';
import { AccessLogService } from '../access-log/access-log.service.js';
import { Clock } from '../common/clock.js';
import { UnknownMessageError } from '../common/common.errors.js';
import { HeldIndexes } from '../indexes/held-indexes.service.js';
import { HandedOutRepository } from './handed-out.repository.js';
import type { InboxItem, InboxKind, ShownItem } from './inbox-item.js';
import { UnverifiedMessageError } from './inbox.errors.js';
import { InboxRepository } from './inbox.repository.js';
import { changesMadeBy, shownAs, type ItemChange } from './item-state.js';

// Page size when a kind filter makes the scan read past items it skips.
const SCAN_PAGE = 200;

/** What a listing asks for. */
export interface InboxQuery {
  limit: number;
  kind?: InboxKind;
  /** Lists expired alerts too (the default view leaves them out). */
  includeExpired?: boolean;
  /** A `next` cursor of an earlier listing: continue with the items older than it. */
  before?: number;
}

/** One page of a listing, newest first. */
export interface InboxListing {
  items: ShownItem[];
  /** The cursor of the next (older) page; absent when this page reaches the oldest item. */
  next?: number;
}

/** What the live stream carries: a new item, or the new state of one the reader may see. */
export type InboxEvent =
  { type: 'item'; item: InboxItem } | { type: 'state'; change: Pick<ItemChange, 'id' | 'state' | 'by'> };

// A change announced with the handling of the item it changes, so only those who may see it hear of it.
type Announced = ItemChange & { handling: string };

/**
 * The node's inbox: takes received messages in once each, lists them, and streams new ones. Redis
 * holds the inbox; the handed-out log on the node's disk decides what is new to the agency, so a
 * message taken in again after a Redis wipe is stored again but not counted or announced twice.
 * Every read takes the reader's clearance: an item above it is not shown, and nothing a reader gets
 * (a page, a cursor, a 404) tells it apart from an item that does not exist. What a reader is handed
 * (a page, a streamed item) is in the access log first.
 */
@Injectable()
export class InboxService implements OnModuleDestroy {
  private readonly arrivals = new Subject<ShownItem>();
  private readonly changes = new Subject<Announced>();

  constructor(
    private readonly repository: InboxRepository,
    private readonly handedOut: HandedOutRepository,
    private readonly metrics: MetricsService,
    private readonly accessLog: AccessLogService,
    private readonly clock: Clock,
    private readonly indexes: HeldIndexes,
  ) {}

  /**
   * Stores each item unless a message with its id was taken in before (or earlier in `items`), in
   * order, files it in the node's indexes (threads, sections, traces) when verified, and announces it to the stream's subscribers unless it was
   * handed out before, with the new state of each earlier alert it updates or cancels. Returns per
   * item false for a duplicate, which changes nothing. A Redis call for the changes, one per index, one for the items,
   * and one store transaction for all of them.
   */
  async takeIn(items: readonly InboxItem[]): Promise<boolean[]> {
    await this.repository.recordChanges(items.flatMap(changesMadeBy));
    await this.indexes.file(items.filter((item) => item.verified));
    const fresh = await this.repository.takeIn(items);
    const stored = items.filter((_, i) => fresh[i]);
    const first = this.handedOut.first(stored.map((item) => item.id));
    const announced = stored.filter((_, i) => first[i]);
    const now = this.clock.now();
    for (const item of announced) {
      this.metrics.recordDelivered(item.kind, 1, now);
      this.arrivals.next(shownAs(item, {}, now));
    }
    await this.announceChanges(announced.flatMap(changesMadeBy));
    return fresh;
  }

  // Announced with the handling of the item changed; one this node does not hold is news to nobody.
  private async announceChanges(changes: readonly ItemChange[]): Promise<void> {
    if (changes.length === 0) return;
    const changed = await Promise.all(changes.map((change) => this.repository.get(change.id)));
    changes.forEach((change, i) => {
      const item = changed[i];
      if (item?.sender === change.sender) this.changes.next({ ...change, handling: item.handling });
    });
  }

  /** `items` as shown now, each with its state. */
  private async shown(items: readonly InboxItem[]): Promise<ShownItem[]> {
    const changes = await this.repository.changesOf(items);
    const now = this.clock.now();
    return items.map((item, i) => shownAs(item, changes[i]!, now));
  }

  /**
   * The hub has delivered message `id`: an item taken in over the site fast path loses its site-only
   * mark. Returns true when it had one.
   */
  deliveredByHub(id: string): Promise<boolean> {
    return this.repository.clearViaSite(id);
  }

  /** The inbox item with this id, if someone of `clearance` may see it. */
  async get(id: string, clearance: Clearance): Promise<ShownItem | undefined> {
    const item = await this.repository.get(id);
    if (item === undefined || !admits(clearance, item.handling)) return undefined;
    const [shown] = await this.shown([item]);
    return shown;
  }

  /**
   * Inbox item `id` as `reader` is handed it, with its state (an expired alert too, marked), in the
   * access log (`read`) when this returns.
   * @throws UnknownMessageError when no such item is in the inbox or the reader's clearance does not
   *   admit it, the one answer for both; AccessLogUnavailableError when the read could not be
   *   recorded: the item is not handed out.
   */
  async read(id: string, reader: Principal): Promise<ShownItem> {
    const item = await this.get(id, reader.clearance);
    if (item === undefined) throw new UnknownMessageError(id);
    this.accessLog.record(reader, 'read', [item.id]);
    return item;
  }

  /**
   * The inbox item with this id, whose sender can be answered (a receipt, a release request) by
   * someone of `clearance`.
   * @throws UnknownMessageError when no such item is in the inbox, or the clearance does not admit
   *   it; UnverifiedMessageError when its origin is not certain.
   */
  async answerable(id: string, clearance: Clearance): Promise<ShownItem> {
    const item = await this.get(id, clearance);
    if (item === undefined) throw new UnknownMessageError(id);
    if (!item.verified) throw new UnverifiedMessageError(id);
    return item;
  }

  /**
   * The newest items `reader` may see first (older than the `before` cursor if given), at most
   * `limit`, of one kind if asked, expired alerts only if asked, each with its state, with the cursor
   * of the next page; an item the reader's clearance does not admit is neither listed nor counted in
   * cursors. Cursors count from the oldest item, so
   * pages neither skip nor repeat items while new ones arrive. The page's items are in the access log
   * (`list`) when this returns.
   * @throws AccessLogUnavailableError when they could not be recorded: no page is handed out.
   */
  async list(query: InboxQuery, reader: Principal): Promise<InboxListing> {
    const { limit, kind, includeExpired = false } = query;
    const clearance = reader.clearance;
    const found: ShownItem[] = [];
    let before = query.before;
    // Without a filter one read fills the page; with one, the scan reads on past skipped items.
    const pageSize = kind === undefined && includeExpired ? limit : SCAN_PAGE;
    while (found.length < limit) {
      const slice = await this.repository.slice(before, pageSize, clearance);
      const listed = slice.ids.filter((id) => slice.items.has(id));
      const shown = new Map(
        (await this.shown(listed.map((id) => slice.items.get(id)!))).map((item) => [item.id, item]),
      );
      for (const [i, id] of slice.ids.entries()) {
        before = slice.ordinals[i];
        const item = shown.get(id);
        if (
          item !== undefined &&
          (kind === undefined || item.kind === kind) &&
          (includeExpired || item.expired !== true)
        )
          found.push(item);
        if (found.length === limit) break;
      }
      // A short slice reached the oldest item, unless the page filled up before its end.
      if (found.length < limit && slice.ids.length < pageSize) {
        before = 0;
        break;
      }
    }
    this.accessLog.record(
      reader,
      'list',
      found.map((item) => item.id),
    );
    return before === undefined || before === 0 ? { items: found } : { items: found, next: before };
  }

  /**
   * The live stream of `reader`: every item taken in from now on that its clearance admits, and each
   * later state of such an item (superseded, cancelled), each recorded in the access log (`stream`)
   * before it is emitted. An event that cannot be recorded ends the stream with
   * AccessLogUnavailableError instead.
   */
  stream(reader: Principal): Observable<InboxEvent> {
    const record = this.accessLog.recorder(reader, 'stream');
    const items = this.arrivals$(reader.clearance).pipe(map((item): InboxEvent => ({ type: 'item', item })));
    const states = this.changes.pipe(
      filter((change) => admits(reader.clearance, change.handling)),
      map(({ id, state, by }): InboxEvent => ({ type: 'state', change: { id, state, by } })),
    );
    return merge(items, states).pipe(
      map((event) => {
        record([event.type === 'item' ? event.item.id : event.change.id]);
        return event;
      }),
    );
  }

  /** Every item taken in from now on that someone of `clearance` may see, as it arrives in this process. */
  arrivals$(clearance: Clearance): Observable<ShownItem> {
    return this.arrivals.pipe(filter((item) => admits(clearance, item.handling)));
  }

  // Completing the stream ends open server-sent-event responses, so the HTTP server can close.
  onModuleDestroy(): void {
    this.arrivals.complete();
    this.changes.complete();
  }
}
