import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { readHubRecord, readHubRecords } from '../state/stored-record.js';
import { RouteRecordStore, type RouteRecord } from './route-record.store.js';
import { ROUTE_RECORDS, parseRouteRecord } from './routes.keys.js';

/** Route records as JSON strings in Redis, with a TTL. Redis errors propagate (the message is retried). */
@Injectable()
export class RouteRecordRepository extends RouteRecordStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  async remember(id: string, record: RouteRecord): Promise<void> {
    await this.redis.set(ROUTE_RECORDS.key(id), ROUTE_RECORDS.text(record), 'EX', ROUTE_RECORDS.ttlSeconds);
  }

  async recall(id: string): Promise<RouteRecord | undefined> {
    const text = await readHubRecord(this.redis, ROUTE_RECORDS.key(id));
    // An unreadable record is treated like a lost one: Redis is a cache, never the only copy.
    return text === null ? undefined : parseRouteRecord(text);
  }

  async recallAll(ids: readonly string[]): Promise<(RouteRecord | undefined)[]> {
    const texts = await readHubRecords(this.redis, ids.map(ROUTE_RECORDS.key));
    return texts.map((text) => (text === null ? undefined : parseRouteRecord(text)));
  }
}
