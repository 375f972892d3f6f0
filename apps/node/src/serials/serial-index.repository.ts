import { Inject, Injectable } from '@nestjs/common';
import { REDIS, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import type { SerialEntry } from './serial-entry.js';
import { isPartial } from './serial-number.js';
import { partialSerialsKey, serialKey, serialsKey } from './serials.keys.js';

// Entries read per serial, newest first: a serial named in thousands of messages costs a match, a
// search or an index lookup no more than this.
export const ENTRIES_PER_SERIAL = 50;

/**
 * The node's index of weapon serials: the entries of each normalised serial (a sorted set by when
 * they were indexed), the set of serials, and the set of those with unreadable characters, so that a
 * complete serial is compared with the few partial ones rather than with all.
 */
@Injectable()
export class SerialIndexRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  /** Adds `entries` at `at` (Unix ms); repeatable (an entry keeps its first time), so running it again after a crash changes nothing. */
  async add(entries: readonly SerialEntry[], at: number): Promise<void> {
    if (entries.length === 0) return;
    const node = this.config.NODE_ID;
    const transaction = this.redis.multi();
    for (const entry of entries) {
      transaction
        .sadd(serialsKey(node), entry.serial)
        .zadd(serialKey(node, entry.serial), 'NX', at, JSON.stringify(entry));
      if (isPartial(entry.serial)) transaction.sadd(partialSerialsKey(node), entry.serial);
    }
    await execTransaction(transaction);
  }

  /** Every normalised serial indexed, or (`partial`) only those with unreadable characters. */
  serials(which: 'all' | 'partial'): Promise<string[]> {
    const node = this.config.NODE_ID;
    return this.redis.smembers(which === 'all' ? serialsKey(node) : partialSerialsKey(node));
  }

  /** The newest entries of each of `serials`, flattened. */
  async entries(serials: readonly string[]): Promise<SerialEntry[]> {
    const lists = await Promise.all(
      serials.map((serial) =>
        this.redis.zrevrange(serialKey(this.config.NODE_ID, serial), 0, ENTRIES_PER_SERIAL - 1),
      ),
    );
    return lists.flat().map((raw) => JSON.parse(raw) as SerialEntry);
  }
}
