import { Inject, Injectable } from '@nestjs/common';
import { REDIS, defineScript, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import type { Approval, ReleaseRecord } from './release-record.js';
import { releaseAnswersKey, releaseRequestsKey } from './releases.keys.js';

type Book = 'requests' | 'answers';

// Adds one approval to an undecided request, once per supervisor, in one step: two supervisors
// approving at once on two instances both count. Returns {added (0 or 1), the record as it is now},
// or nil when the request is unknown.
const APPROVE = `
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw then return nil end
local record = cjson.decode(raw)
if record.approved ~= nil then return {0, raw} end
local approvals = record.approvals or {}
for _, approval in ipairs(approvals) do
  if approval.by == ARGV[2] then return {0, raw} end
end
table.insert(approvals, {by = ARGV[2], at = ARGV[3]})
record.approvals = approvals
local updated = cjson.encode(record)
redis.call('HSET', KEYS[1], ARGV[1], updated)
return {1, updated}`;

/**
 * Release requests in Redis, in two hashes per node: `requests` awaiting this node's decision as
 * originator, and `answers` the originators gave to this node's own requests.
 */
@Injectable()
export class ReleasesRepository {
  private readonly approveScript: RedisScript;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {
    this.approveScript = defineScript(redis, 'blReleaseApprove', 1, APPROVE);
  }

  /**
   * Records `approval` of pending request `request` unless its supervisor approved it before or it
   * is decided. Returns whether it was added and the record as stored; undefined for an unknown request.
   */
  async approve(
    request: string,
    approval: Approval,
  ): Promise<{ added: boolean; record: ReleaseRecord } | undefined> {
    const reply = (await this.approveScript([this.key('requests')], [request, approval.by, approval.at])) as
      [number, string] | null;
    return reply === null
      ? undefined
      : { added: reply[0] === 1, record: JSON.parse(reply[1]) as ReleaseRecord };
  }

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
