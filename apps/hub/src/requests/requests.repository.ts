import { Inject, Injectable } from '@nestjs/common';
import { REDIS, defineScript, execTransaction, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { REQUEST_TIMERS_KEY, REQUEST_TTL_MS, requestKey } from './requests.keys.js';
import {
  dueTimes,
  type AnswerState,
  type FollowUp,
  type RebuiltRequest,
  type TrackedRequest,
} from './tracked-request.js';

const META = '@meta';

// An answer only moves forward: open → acknowledged → answered | declined (a late acknowledgement
// does not reopen an answered request). KEYS[1] the request; ARGV: addressee, new state.
const ANSWER = `
local rank = { open = 0, acknowledged = 1, answered = 2, declined = 2 }
local current = redis.call('HGET', KEYS[1], ARGV[1])
if not current then return 0 end
if rank[ARGV[2]] <= rank[current] then return 0 end
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
return 1`;

/** One follow-up that fell due. */
export interface DueFollowUp {
  member: string;
  request: string;
  addressee: string;
  stage: FollowUp;
}

/** Redis adapter of the requests the hub follows up: a hash per request and one sorted set of due times. */
@Injectable()
export class RequestsRepository {
  private readonly answerScript: RedisScript;

  constructor(@Inject(REDIS) private readonly redis: Redis) {
    this.answerScript = defineScript(redis, 'blRequestAnswer', 1, ANSWER);
  }

  /**
   * Tracks `request` for `addressees`, each `open` unless already known, and schedules both follow-ups
   * of each; repeatable (a redelivered request changes nothing).
   */
  track(request: TrackedRequest, addressees: readonly string[]): Promise<void> {
    return this.restore({
      request,
      answers: new Map(addressees.map((addressee) => [addressee, 'open'])),
      pending: addressees.flatMap((addressee) =>
        (['overdue', 'escalated'] as const).map((stage) => ({ addressee, stage })),
      ),
    });
  }

  /**
   * Writes a request's record and answers where Redis holds none (what is there is newer: the live
   * pipeline's, or an earlier write of the same), and schedules its pending follow-ups unless already
   * scheduled: for a request just routed, and for one rebuilt from the streams.
   */
  async restore({ request, answers, pending }: RebuiltRequest): Promise<void> {
    const key = requestKey(request.id);
    const due = dueTimes(request);
    const transaction = this.redis.multi().hsetnx(key, META, JSON.stringify(request));
    for (const [addressee, state] of answers) transaction.hsetnx(key, addressee, state);
    for (const { addressee, stage } of pending) {
      transaction.zadd(REQUEST_TIMERS_KEY, 'NX', due[stage], `${request.id} ${addressee} ${stage}`);
    }
    transaction.pexpireat(key, due.escalated + REQUEST_TTL_MS);
    await execTransaction(transaction);
  }

  /** Moves `addressee`'s answer to `request` forward to `state`; nothing for an untracked request. */
  async answer(request: string, addressee: string, state: AnswerState): Promise<void> {
    await this.answerScript([requestKey(request)], [addressee, state]);
  }

  /** The request and `addressee`'s answer, or undefined when it is not tracked (any more). */
  async read(
    request: string,
    addressee: string,
  ): Promise<{ request: TrackedRequest; state: AnswerState } | undefined> {
    const [meta, state] = await this.redis.hmget(requestKey(request), META, addressee);
    if (meta == null || state == null) return undefined;
    return { request: JSON.parse(meta) as TrackedRequest, state: state as AnswerState };
  }

  /** Up to `limit` follow-ups due at `now`, soonest first. */
  async due(now: number, limit: number): Promise<DueFollowUp[]> {
    const members = await this.redis.zrangebyscore(REQUEST_TIMERS_KEY, '-inf', now, 'LIMIT', 0, limit);
    return members.map((member) => {
      const [request = '', addressee = '', stage = ''] = member.split(' ');
      return { member, request, addressee, stage: stage as FollowUp };
    });
  }

  /** Takes a follow-up off the schedule, once it was issued or is no longer needed. */
  async done(member: string): Promise<void> {
    await this.redis.zrem(REQUEST_TIMERS_KEY, member);
  }
}
