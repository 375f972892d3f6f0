import { Inject, Injectable } from '@nestjs/common';
import type { Clearance } from '#access';
import { REDIS, defineScript, type RedisScript, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import { clearanceFor } from '../access/clearance-policy.js';
import { retainedUntil } from '../common/retention.js';
import { NodeConfig } from '../config/node.config.js';
import type { InboxItem } from './inbox-item.js';
import {
  inboxChangesKey,
  inboxClearanceListKey,
  inboxItemKey,
  inboxListKey,
  inboxSeenKey,
} from './inbox.keys.js';
import type { ItemChange, RecordedChanges } from './item-state.js';

// Take-in is one atomic step per item, and one script call for a batch of them, in order: the id
// joins the seen set and, only if it was not there, the item is stored until its retention ends and
// listed, in the list of every clearance that may see it (the clearance it needs). A crash can never
// leave an id marked seen without its item (which would lose it). KEYS: seen set, the three lists,
// then one item key per item; ARGV: id, JSON, clearance and end of retention (Unix ms) of each item.
// An item whose retention has already ended is gone at once: its id stays seen, so it never returns.
// Returns 1 (stored) or 0 (seen) per item.
const TAKE_IN = `
local stored = {}
for i = 5, #KEYS do
  local at = 4 * (i - 5)
  local id, json, clearance, expires = ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  if redis.call('SADD', KEYS[1], id) == 0 then
    stored[#stored + 1] = 0
  else
    redis.call('SET', KEYS[i], json, 'PXAT', expires)
    redis.call('LPUSH', KEYS[2], id)
    if clearance ~= 'red' then redis.call('LPUSH', KEYS[3], id) end
    if clearance == 'amber' then redis.call('LPUSH', KEYS[4], id) end
    stored[#stored + 1] = 1
  end
end
return stored`;

// Replaces an item only if it is still exactly what was read, so a concurrent change is not undone,
// and keeps its end of retention.
const REPLACE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
return 1`;

// A change's field in its hash: the changed alert under its sender.
const changeField = (change: Pick<ItemChange, 'id' | 'sender'>): string => `${change.sender} ${change.id}`;

/**
 * A slice of the inbox list, newest first. Positions are counted from the oldest item (0), so they
 * stay put while new items arrive at the head: `ordinals[i]` is the position of `ids[i]`.
 */
export interface InboxSlice {
  ids: string[];
  ordinals: number[];
  /** The stored items of `ids` (an id whose value is missing is left out). */
  items: Map<string, InboxItem>;
}
/** Redis adapter of a node's inbox: a seen-id set, one JSON value per item, and a list of ids newest first. */
@Injectable()
export class InboxRepository {
  private readonly takeInScript: RedisScript;
  private readonly replaceScript: RedisScript;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {
    this.takeInScript = defineScript(redis, 'blInboxTakeInBatch', 'each call', TAKE_IN);
    this.replaceScript = defineScript(redis, 'blInboxReplace', 1, REPLACE);
  }

  /**
   * Stores each item unless its id was taken in before (by an earlier call or an earlier item of
   * `items`), in order, in one script call; returns per item false for such a duplicate.
   */
  async takeIn(items: readonly InboxItem[]): Promise<boolean[]> {
    if (items.length === 0) return [];
    const node = this.config.NODE_ID;
    const stored = (await this.takeInScript(
      [
        inboxSeenKey(node),
        inboxListKey(node),
        inboxClearanceListKey(node, 'amber-strict'),
        inboxClearanceListKey(node, 'amber'),
        ...items.map((item) => inboxItemKey(node, item.id)),
      ],
      items.flatMap((item) => [
        item.id,
        JSON.stringify(item),
        clearanceFor(item.handling),
        String(retainedUntil(item.message, item.receivedAt, this.config.NODE_RETENTION_DAYS)),
      ]),
    )) as number[];
    return stored.map((one) => one === 1);
  }

  /**
   * Clears the site-only mark of item `id` (the hub has delivered it); true when it had one. Read,
   * then replaced only if unchanged meanwhile, a few times at most.
   */
  async clearViaSite(id: string): Promise<boolean> {
    const key = inboxItemKey(this.config.NODE_ID, id);
    for (let attempt = 0; attempt < 3; attempt++) {
      const raw = await this.redis.get(key);
      if (raw === null) return false;
      const { viaSite, ...item } = JSON.parse(raw) as InboxItem;
      if (viaSite !== true) return false;
      if ((await this.replaceScript([key], [raw, JSON.stringify(item)])) === 1) return true;
    }
    return false;
  }

  /**
   * Records each change (the latest of a state wins), under its sender and the alert it changes: a
   * change from anyone else can neither show on that alert nor displace its sender's own. Repeatable,
   * so it is written before the item that makes it is taken in, and a crash between the two loses nothing.
   */
  async recordChanges(changes: readonly ItemChange[]): Promise<void> {
    if (changes.length === 0) return;
    const node = this.config.NODE_ID;
    const transaction = this.redis.multi();
    for (const change of changes) {
      transaction.hset(inboxChangesKey(node, change.state), changeField(change), JSON.stringify(change));
    }
    await execTransaction(transaction);
  }

  /** The changes its own sender recorded for each of `items`, in order. */
  async changesOf(items: readonly Pick<InboxItem, 'id' | 'sender'>[]): Promise<RecordedChanges[]> {
    if (items.length === 0) return [];
    const node = this.config.NODE_ID;
    const fields = items.map((item) => changeField({ id: item.id, sender: item.sender }));
    const [superseded, cancelled] = await Promise.all(
      (['superseded', 'cancelled'] as const).map((state) =>
        this.redis.hmget(inboxChangesKey(node, state), ...fields),
      ),
    );
    const parse = (raw: string | null | undefined) =>
      raw == null ? undefined : (JSON.parse(raw) as ItemChange);
    return items.map((_, i) => {
      const changes: RecordedChanges = {};
      const [s, c] = [parse(superseded?.[i]), parse(cancelled?.[i])];
      if (s !== undefined) changes.superseded = s;
      if (c !== undefined) changes.cancelled = c;
      return changes;
    });
  }

  /** The item with this id, or undefined. */
  async get(id: string): Promise<InboxItem | undefined> {
    const raw = await this.redis.get(inboxItemKey(this.config.NODE_ID, id));
    return raw === null ? undefined : (JSON.parse(raw) as InboxItem);
  }

  /**
   * Up to `count` entries of the list `clearance` reads, older than position `before` (counted from
   * the oldest, 0), newest first; without `before`, the newest entries. The list length and the range
   * are read in one transaction.
   */
  async slice(before: number | undefined, count: number, clearance: Clearance): Promise<InboxSlice> {
    const node = this.config.NODE_ID;
    const key = clearance === 'red' ? inboxListKey(node) : inboxClearanceListKey(node, clearance);
    // Index -1 is the oldest entry (position 0); position p is index -(p + 1).
    const [start, stop] = before === undefined ? [0, count - 1] : [-before, Math.min(-1, count - before - 1)];
    const empty: InboxSlice = { ids: [], ordinals: [], items: new Map() };
    if (before !== undefined && before <= 0) return empty;
    const replies = await this.redis.multi().llen(key).lrange(key, start, stop).exec();
    const length = replies?.[0]?.[1] as number;
    const ids = (replies?.[1]?.[1] ?? []) as string[];
    if (ids.length === 0) return empty;
    const newest = (before === undefined ? length : Math.min(before, length)) - 1;
    const values = await this.redis.mget(ids.map((id) => inboxItemKey(node, id)));
    const items = new Map<string, InboxItem>();
    values.forEach((raw, i) => raw !== null && items.set(ids[i]!, JSON.parse(raw) as InboxItem));
    return { ids, ordinals: ids.map((_, i) => newest - i), items };
  }
}
