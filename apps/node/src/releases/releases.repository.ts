import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import type { ReleaseRecord } from './release-record.js';
import { releaseAnswersKey, releaseRequestsKey } from './releases.keys.js';

type Book = 'requests' | 'answers';

/**
 * Release requests in Redis, in two hashes per node: `requests` awaiting this node's decision as
 * originator, and `answers` the originators gave to this node's own requests.
 */
@Injectable()
export class ReleasesRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  async put(book: Book, record: ReleaseRecord): Promise<void> {
    await this.redis.hset(this.key(book), record.request, JSON.stringify(record));
  }

  async get(book: Book, request: string): Promise<ReleaseRecord | undefined> {
    const text = await this.redis.hget(this.key(book), request);
    return text === null ? undefined : (JSON.parse(text) as ReleaseRecord);
  }

  async list(book: Book): Promise<ReleaseRecord[]> {
    const all = await this.redis.hvals(this.key(book));
    return all
      .map((text) => JSON.parse(text) as ReleaseRecord)
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt));
  }

  private key(book: Book): string {
    return book === 'requests'
      ? releaseRequestsKey(this.config.NODE_ID)
      : releaseAnswersKey(this.config.NODE_ID);
  }
}
