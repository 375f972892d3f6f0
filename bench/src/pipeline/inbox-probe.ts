import { inboxItemKey, inboxListKey, type InboxItem } from '#node';
import { Redis } from 'ioredis';

const READ_CHUNK = 1_000;

/** What the recipients' inboxes hold for a set of sent alerts. */
export interface InboxHarvest {
  /** Items that verified against the origin's key. */
  verified: number;
  unverified: number;
  /** Publish-to-take-in times in ms (inbox `receivedAt` minus the signed sent time), verified items only. */
  latenciesMs: number[];
}

/**
 * Reads the nodes' inboxes in Redis, where a node stores an item only after verifying the origin's
 * signature and de-duplicating it: the observable end of the pipeline, without changing any code.
 */
export class InboxProbe {
  private readonly redis: Redis;

  constructor(url: string) {
    this.redis = new Redis(url, { lazyConnect: false });
  }

  /** Total inbox entries over `nodes`. */
  async count(nodes: readonly string[]): Promise<number> {
    const pipeline = this.redis.pipeline();
    for (const node of nodes) pipeline.llen(inboxListKey(node));
    const replies = (await pipeline.exec()) ?? [];
    return replies.reduce((sum, [, value]) => sum + Number(value ?? 0), 0);
  }

  /** Every item of `nodes` whose id is in `sentMs`, checked for verification and timed. */
  async harvest(nodes: readonly string[], sentMs: ReadonlyMap<string, number>): Promise<InboxHarvest> {
    const harvest: InboxHarvest = { verified: 0, unverified: 0, latenciesMs: [] };
    for (const node of nodes) {
      const ids = (await this.redis.lrange(inboxListKey(node), 0, -1)).filter((id) => sentMs.has(id));
      for (let start = 0; start < ids.length; start += READ_CHUNK) {
        const chunk = ids.slice(start, start + READ_CHUNK);
        const values = await this.redis.mget(chunk.map((id) => inboxItemKey(node, id)));
        for (const raw of values) {
          if (raw === null) continue;
          const item = JSON.parse(raw) as InboxItem;
          if (!item.verified) {
            harvest.unverified += 1;
            continue;
          }
          harvest.verified += 1;
          harvest.latenciesMs.push(Date.parse(item.receivedAt) - sentMs.get(item.id)!);
        }
      }
    }
    return harvest;
  }

  async close(): Promise<void> {
    await this.redis.quit();
  }
}
