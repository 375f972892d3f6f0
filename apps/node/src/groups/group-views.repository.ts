import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import type { GroupView } from './group-view.js';
import { groupViewsKey } from './groups.keys.js';

/** This node's view of its closed user groups, one hash field per group in Redis. */
@Injectable()
export class GroupViewsRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  async get(group: string): Promise<GroupView | undefined> {
    const text = await this.redis.hget(this.key(), group);
    return text === null ? undefined : (JSON.parse(text) as GroupView);
  }

  /** Stores the view of `group`, or forgets the group when `view` is undefined. */
  async put(group: string, view: GroupView | undefined): Promise<void> {
    if (view === undefined) await this.redis.hdel(this.key(), group);
    else await this.redis.hset(this.key(), group, JSON.stringify(view));
  }

  async list(): Promise<GroupView[]> {
    const all = await this.redis.hvals(this.key());
    return all.map((text) => JSON.parse(text) as GroupView).sort((a, b) => a.group.localeCompare(b.group));
  }

  private key(): string {
    return groupViewsKey(this.config.NODE_ID);
  }
}
