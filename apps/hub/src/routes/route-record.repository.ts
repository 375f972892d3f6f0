import { Inject, Injectable } from '@nestjs/common';
import { isMessageKind, routeRecordKey } from '#contracts';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { readHubRecord, readJsonObject } from '../state/stored-record.js';
import { RouteRecordStore, type RouteRecord } from './route-record.store.js';

// As long as the ingress stream keeps the message: a receipt or reply may come that late.
export const ROUTE_RECORD_TTL_SECONDS = 30 * 24 * 60 * 60;

function parseRecord(text: string): RouteRecord | undefined {
  const value = readJsonObject(text);
  if (value === undefined) return undefined;
  const { origin, kind, recipients, sequence } = value;
  if (typeof origin !== 'string' || typeof kind !== 'string' || !isMessageKind(kind)) return undefined;
  if (!Array.isArray(recipients) || !recipients.every((r) => typeof r === 'string')) return undefined;
  const record: RouteRecord = { origin, kind, recipients: recipients as string[] };
  return Number.isSafeInteger(sequence) ? { ...record, sequence: sequence as number } : record;
}

/** Route records as JSON strings in Redis, with a TTL. Redis errors propagate (the message is retried). */
@Injectable()
export class RouteRecordRepository extends RouteRecordStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  async remember(id: string, record: RouteRecord): Promise<void> {
    await this.redis.set(routeRecordKey(id), JSON.stringify(record), 'EX', ROUTE_RECORD_TTL_SECONDS);
  }

  async recall(id: string): Promise<RouteRecord | undefined> {
    const text = await readHubRecord(this.redis, routeRecordKey(id));
    // An unreadable record is treated like a lost one: Redis is a cache, never the only copy.
    return text === null ? undefined : parseRecord(text);
  }
}
