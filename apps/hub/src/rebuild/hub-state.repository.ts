import { Inject, Injectable } from '@nestjs/common';
import { EpochMarker, REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { ACCEPTED_IDS } from '../ingress/ingress.keys.js';
import { RELEASE_REQUESTS } from '../releases/releases.keys.js';
import { RequestsRepository } from '../requests/requests.repository.js';
import { ROUTE_RECORDS } from '../routes/routes.keys.js';
import { HUB_EPOCH_KEY } from '../state/state.keys.js';
import type { RecordKeys } from '../state/stored-record.js';
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

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly requests: RequestsRepository,
  ) {
    this.epoch = new EpochMarker(redis, HUB_EPOCH_KEY);
  }

  /** Restores every value of `plan` still within its lifetime at `now` (ms). */
  async restore(plan: HubStatePlan, now: number): Promise<void> {
    const restores: Restore[] = [];
    // Each feature declares how its records lie in Redis; the rebuild writes them that way.
    const add = <T>(map: Map<string, Dated<T>>, records: RecordKeys<T>) => {
      for (const [id, dated] of map) {
        const ttlSeconds = remaining(dated, records.ttlSeconds, now);
        if (ttlSeconds > 0)
          restores.push({ key: records.key(id), value: records.text(dated.value), ttlSeconds });
      }
    };
    add(plan.acceptedIds, ACCEPTED_IDS);
    add(plan.routes, ROUTE_RECORDS);
    add(plan.releaseRequests, RELEASE_REQUESTS);
    for (let start = 0; start < restores.length; start += PIPELINE) {
      const pipeline = this.redis.pipeline();
      for (const { key, value, ttlSeconds } of restores.slice(start, start + PIPELINE))
        pipeline.set(key, value, 'EX', ttlSeconds, 'NX');
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error !== null);
      if (failed) throw failed[0];
    }
    for (const rebuilt of plan.requests.values()) await this.requests.restore(rebuilt);
  }
}
