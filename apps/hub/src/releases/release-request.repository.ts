import { Inject, Injectable } from '@nestjs/common';
import { releaseRequestKey } from '#contracts';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { readHubRecord, readJsonObject } from '../state/stored-record.js';
import { ReleaseRequestStore, type ReleaseRequestRecord } from './release-request.store.js';

// As long as the ingress stream keeps the message the request is about.
export const RELEASE_REQUEST_TTL_SECONDS = 30 * 24 * 60 * 60;

function parseRecord(text: string): ReleaseRequestRecord | undefined {
  const value = readJsonObject(text);
  if (value === undefined) return undefined;
  const { message, origin, requester, to, decision } = value;
  const strings = [message, origin, requester, to];
  if (!strings.every((field) => typeof field === 'string')) return undefined;
  const record = { message, origin, requester, to } as ReleaseRequestRecord;
  return typeof decision === 'string' ? { ...record, decision } : record;
}

/** Release requests as JSON strings in Redis, with a TTL; an unreadable record reads as unknown. */
@Injectable()
export class ReleaseRequestRepository extends ReleaseRequestStore {
  constructor(@Inject(REDIS) private readonly redis: Redis) {
    super();
  }

  async remember(request: string, record: ReleaseRequestRecord): Promise<void> {
    await this.redis.set(
      releaseRequestKey(request),
      JSON.stringify(record),
      'EX',
      RELEASE_REQUEST_TTL_SECONDS,
    );
  }

  async recall(request: string): Promise<ReleaseRequestRecord | undefined> {
    const text = await readHubRecord(this.redis, releaseRequestKey(request));
    return text === null ? undefined : parseRecord(text);
  }
}
