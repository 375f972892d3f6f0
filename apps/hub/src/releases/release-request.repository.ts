import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { readHubRecord } from '../state/stored-record.js';
import { ReleaseRequestStore, type ReleaseRequestRecord } from './release-request.store.js';
import { RELEASE_REQUESTS, parseReleaseRequest } from './releases.keys.js';

/** Release requests as JSON strings in Redis, with a TTL; an unreadable record reads as unknown. */
@Injectable()
export class ReleaseRequestRepository extends ReleaseRequestStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  async remember(request: string, record: ReleaseRequestRecord): Promise<void> {
    await this.redis.set(
      RELEASE_REQUESTS.key(request),
      RELEASE_REQUESTS.text(record),
      'EX',
      RELEASE_REQUESTS.ttlSeconds,
    );
  }

  async recall(request: string): Promise<ReleaseRequestRecord | undefined> {
    const text = await readHubRecord(this.redis, RELEASE_REQUESTS.key(request));
    return text === null ? undefined : parseReleaseRequest(text);
  }
}
