import { Inject, Injectable } from '@nestjs/common';
import { HUB_EPOCH_KEY, acceptedIdKey, rebuildRunKey, releaseRequestKey, routeRecordKey } from '#contracts';
import { EpochMarker, REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { ACCEPTED_ID_TTL_SECONDS } from '../ingress/accepted-ids.repository.js';
import { RELEASE_REQUEST_TTL_SECONDS } from '../releases/release-request.repository.js';
import { ROUTE_RECORD_TTL_SECONDS } from '../routes/route-record.repository.js';
import type { Dated, HubStatePlan } from './hub-state-plan.js';

// Writes go out in pipelines of this many commands: one round trip each, bounded memory.
const PIPELINE = 500;

interface Restore {
  key: string;
  value: string;
  ttlSeconds: number;
}

// What is left of a record's life, counted from its occurrence; zero or less: already expired.
function remaining<T>(dated: Dated<T>, ttlSeconds: number, now: number): number {
  return ttlSeconds - Math.floor((now - dated.at) / 1000);
}

/**
 * Writes a rebuilt plan into Redis, and keeps the hub's epoch marker. Every write is set-if-absent: a value
 * the live pipeline wrote meanwhile is newer than the streams' view, and two instances rebuilding at
 * once write the same values, so whichever lands first stands.
 */
@Injectable()
export class HubStateRepository {
  /** The hub's epoch marker (`bl:hub:epoch`). */
  readonly epoch: EpochMarker;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.epoch = new EpochMarker(redis, HUB_EPOCH_KEY, (run) => rebuildRunKey(HUB_EPOCH_KEY, run));
  }

  /** Restores every value of `plan` still within its lifetime at `now` (ms). */
  async restore(plan: HubStatePlan, now: number): Promise<void> {
    const restores: Restore[] = [];
    const add = <T>(
      map: Map<string, Dated<T>>,
      keyOf: (id: string) => string,
      ttl: number,
      text: (v: T) => string,
    ) => {
      for (const [id, dated] of map) {
        const ttlSeconds = remaining(dated, ttl, now);
        if (ttlSeconds > 0) restores.push({ key: keyOf(id), value: text(dated.value), ttlSeconds });
      }
    };
    add(plan.acceptedIds, acceptedIdKey, ACCEPTED_ID_TTL_SECONDS, String);
    add(plan.routes, routeRecordKey, ROUTE_RECORD_TTL_SECONDS, JSON.stringify);
    add(plan.releaseRequests, releaseRequestKey, RELEASE_REQUEST_TTL_SECONDS, JSON.stringify);
    for (let start = 0; start < restores.length; start += PIPELINE) {
      const pipeline = this.redis.pipeline();
      for (const { key, value, ttlSeconds } of restores.slice(start, start + PIPELINE))
        pipeline.set(key, value, 'EX', ttlSeconds, 'NX');
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error !== null);
      if (failed) throw failed[0];
    }
  }
}
