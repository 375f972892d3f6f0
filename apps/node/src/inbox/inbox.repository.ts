import { Inject, Injectable } from '@nestjs/common';
import { inboxItemKey, inboxListKey, inboxSeenKey } from '#contracts';
import { REDIS, defineScript, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import type { InboxItem } from './inbox-item.js';

// Take-in is one atomic step: the id joins the seen set and, only if it was not there, the item is
// stored and listed. A crash can never leave an id marked seen without its item (which would lose it).
const TAKE_IN = `
if redis.call('SADD', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('SET', KEYS[2], ARGV[2])
redis.call('LPUSH', KEYS[3], ARGV[1])
return 1`;

/** A slice of the inbox list. */
export interface InboxPage {
  items: InboxItem[];
  last: boolean;
}

/** Redis adapter of a node's inbox: a seen-id set, one JSON value per item, and a list of ids newest first. */
@Injectable()
export class InboxRepository {
  private readonly takeInScript: RedisScript;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {
    this.takeInScript = defineScript(redis, 'blInboxTakeIn', 3, TAKE_IN);
  }

  /** Stores `item` unless its id was taken in before; returns false for such a duplicate. */
  async takeIn(item: InboxItem): Promise<boolean> {
    const node = this.config.NODE_ID;
    const stored = await this.takeInScript(
      [inboxSeenKey(node), inboxItemKey(node, item.id), inboxListKey(node)],
      [item.id, JSON.stringify(item)],
    );
    return stored === 1;
  }

  /** The item with this id, or undefined. */
  async get(id: string): Promise<InboxItem | undefined> {
    const raw = await this.redis.get(inboxItemKey(this.config.NODE_ID, id));
    return raw === null ? undefined : (JSON.parse(raw) as InboxItem);
  }

  /** The items at positions `start` to `start + count - 1` of the newest-first list; `last` when the list ends there. */
  async page(start: number, count: number): Promise<InboxPage> {
    const node = this.config.NODE_ID;
    const ids = await this.redis.lrange(inboxListKey(node), start, start + count - 1);
    if (ids.length === 0) return { items: [], last: true };
    const values = await this.redis.mget(ids.map((id) => inboxItemKey(node, id)));
    const items = values
      .filter((raw): raw is string => raw !== null)
      .map((raw) => JSON.parse(raw) as InboxItem);
    return { items, last: ids.length < count };
  }
}
