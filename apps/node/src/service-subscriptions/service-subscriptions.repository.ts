import { Inject, Injectable } from '@nestjs/common';
import { REDIS, defineScript, execTransaction, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import type { StoredSubscription } from './service-subscription.js';
import {
  subscriptionLogKey,
  subscriptionMatchedKey,
  subscriptionsKey,
  webhookAttemptsKey,
  webhookLeaseKey,
  webhookStateKey,
} from './service-subscriptions.keys.js';
import type { WebhookAttempt, WebhookState } from './webhook-state.js';

// Most attempts kept per webhook for its owner to read.
const ATTEMPTS_KEPT = 50;

// Appends a batch's matches in one call, in order. KEYS: the subscriptions hash, then per match its
// log and its matched set; ARGV: now (ms), the oldest append time a log keeps (ms), then per match
// the subscription id, the message id, its sender and the end of its retention (ms). A match is
// appended only while its subscription exists and only once per message (ZADD NX), so a delivery
// taken in again appends nothing; ids whose retention ended leave the matched set.
const APPEND = `
local appended = 0
for i = 2, #KEYS, 2 do
  local at = 2 + 4 * (i / 2 - 1)
  local sub, id, sender, retained = ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  if redis.call('HEXISTS', KEYS[1], sub) == 1 then
    redis.call('ZREMRANGEBYSCORE', KEYS[i + 1], '-inf', '(' .. ARGV[1])
    if redis.call('ZADD', KEYS[i + 1], 'NX', retained, id) == 1 then
      redis.call('XADD', KEYS[i], 'MINID', '~', ARGV[2], '*', 'msg', id, 'sender', sender)
      appended = appended + 1
    end
  end
end
return appended`;

// Releases a lease only if it is still the caller's. KEYS: the lease; ARGV: the holder's token.
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

// Records an attempt among a webhook's latest and writes its state whole, only while its
// subscription exists (a dispatcher finishing an attempt must not bring back what was removed);
// the state only if its epoch is still the one expected (the owner's reset moves it on, and a
// dispatcher finishing an attempt meanwhile must not undo that reset). KEYS: the subscriptions
// hash, the state, the attempts; ARGV: the subscription id, how many attempts are kept, the
// attempt's JSON or '', the epoch expected or '' for any, then the state's fields and values.
// Returns 1 when the state was written.
const SAVE_WEBHOOK = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
if ARGV[3] ~= '' then
  redis.call('LPUSH', KEYS[3], ARGV[3])
  redis.call('LTRIM', KEYS[3], 0, tonumber(ARGV[2]) - 1)
end
if ARGV[4] ~= '' and (redis.call('HGET', KEYS[2], 'epoch') or '0') ~= ARGV[4] then return 0 end
redis.call('DEL', KEYS[2])
redis.call('HSET', KEYS[2], unpack(ARGV, 5))
return 1`;

// Extends a lease only if it is still the caller's. KEYS: the lease; ARGV: the token, the new term (ms).
const RENEW = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
return 1`;

/** One match to append to a subscription's log. */
export interface Match {
  subscription: string;
  message: string;
  sender: string;
  /** When the message's retention ends (Unix ms). */
  retainedUntil: number;
}

/** One entry of a subscription's log: its position (a Redis stream id) and the message matched. */
export interface LogEntry {
  position: string;
  message: string;
  sender: string;
}

/**
 * Redis adapter of the node's service subscriptions: one hash of them all, and per subscription its
 * log of matches (a stream), the ids already in it, its webhook's state, latest attempts and lease.
 */
@Injectable()
export class ServiceSubscriptionsRepository {
  private readonly appendScript: RedisScript;
  private readonly releaseScript: RedisScript;
  private readonly renewScript: RedisScript;
  private readonly saveWebhookScript: RedisScript;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {
    this.appendScript = defineScript(redis, 'blServiceSubscriptionsAppend', 'each call', APPEND);
    this.releaseScript = defineScript(redis, 'blServiceSubscriptionsRelease', 1, RELEASE);
    this.renewScript = defineScript(redis, 'blServiceSubscriptionsRenew', 1, RENEW);
    this.saveWebhookScript = defineScript(redis, 'blServiceSubscriptionsSaveWebhook', 3, SAVE_WEBHOOK);
  }

  private get node(): string {
    return this.config.NODE_ID;
  }

  /** Every subscription of the node. */
  async all(): Promise<StoredSubscription[]> {
    const values = await this.redis.hvals(subscriptionsKey(this.node));
    return values.map((raw) => JSON.parse(raw) as StoredSubscription);
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    const raw = await this.redis.hget(subscriptionsKey(this.node), id);
    return raw === null ? undefined : (JSON.parse(raw) as StoredSubscription);
  }

  async put(subscription: StoredSubscription): Promise<void> {
    await this.redis.hset(subscriptionsKey(this.node), subscription.id, JSON.stringify(subscription));
  }

  /** Removes the subscription with its log, its webhook's state and attempts, in one transaction. */
  async delete(id: string): Promise<void> {
    const node = this.node;
    await execTransaction(
      this.redis
        .multi()
        .hdel(subscriptionsKey(node), id)
        .del(
          subscriptionLogKey(node, id),
          subscriptionMatchedKey(node, id),
          webhookStateKey(node, id),
          webhookAttemptsKey(node, id),
        ),
    );
  }

  /**
   * Appends `matches` to their logs, in order, once per subscription and message, in one script
   * call; entries appended before `keepSince` (Unix ms) are trimmed. Returns how many were new.
   */
  async append(matches: readonly Match[], now: number, keepSince: number): Promise<number> {
    if (matches.length === 0) return 0;
    const node = this.node;
    return (await this.appendScript(
      [
        subscriptionsKey(node),
        ...matches.flatMap((match) => [
          subscriptionLogKey(node, match.subscription),
          subscriptionMatchedKey(node, match.subscription),
        ]),
      ],
      [
        String(now),
        String(keepSince),
        ...matches.flatMap((match) => [
          match.subscription,
          match.message,
          match.sender,
          String(match.retainedUntil),
        ]),
      ],
    )) as number;
  }

  /** Up to `count` entries of subscription `id`'s log after position `after` (`0`: from the start). */
  async entries(id: string, after: string, count: number): Promise<LogEntry[]> {
    const start = after === '0' ? '-' : `(${after}`;
    const rows = await this.redis.xrange(subscriptionLogKey(this.node, id), start, '+', 'COUNT', count);
    return rows.map(([position, fields]) => {
      const value = (name: string) => fields[fields.indexOf(name) + 1] ?? '';
      return { position, message: value('msg'), sender: value('sender') };
    });
  }

  async webhookState(id: string): Promise<WebhookState> {
    const raw = await this.redis.hgetall(webhookStateKey(this.node, id));
    return {
      cursor: raw.cursor ?? '0',
      failures: Number(raw.failures ?? 0),
      epoch: Number(raw.epoch ?? 0),
      ...(raw.retryAt === undefined ? {} : { retryAt: Number(raw.retryAt) }),
      ...(raw.disabledAt === undefined ? {} : { disabledAt: raw.disabledAt }),
    };
  }

  /**
   * Records `attempt`, if given, among the webhook's latest, and writes its state whole (fields it
   * no longer has are removed) unless `expectedEpoch` is given and no longer the state's, in one
   * script call; nothing once the subscription is removed. Returns true when the state was written.
   */
  async saveWebhook(
    id: string,
    state: WebhookState,
    attempt?: WebhookAttempt,
    expectedEpoch?: number,
  ): Promise<boolean> {
    const node = this.node;
    const fields = [
      ['cursor', state.cursor],
      ['failures', String(state.failures)],
      ['epoch', String(state.epoch)],
      ...(state.retryAt === undefined ? [] : [['retryAt', String(state.retryAt)]]),
      ...(state.disabledAt === undefined ? [] : [['disabledAt', state.disabledAt]]),
    ].flat();
    const written = await this.saveWebhookScript(
      [subscriptionsKey(node), webhookStateKey(node, id), webhookAttemptsKey(node, id)],
      [
        id,
        String(ATTEMPTS_KEPT),
        attempt === undefined ? '' : JSON.stringify(attempt),
        expectedEpoch === undefined ? '' : String(expectedEpoch),
        ...fields,
      ],
    );
    return written === 1;
  }

  /** The webhook's latest attempts, newest first. */
  async attempts(id: string, count: number): Promise<WebhookAttempt[]> {
    const rows = await this.redis.lrange(webhookAttemptsKey(this.node, id), 0, count - 1);
    return rows.map((raw) => JSON.parse(raw) as WebhookAttempt);
  }

  /** Takes the webhook's lease for `ms` as `token`; false when another holder has it. */
  async lease(id: string, token: string, ms: number): Promise<boolean> {
    return (await this.redis.set(webhookLeaseKey(this.node, id), token, 'PX', ms, 'NX')) === 'OK';
  }

  /** Extends the webhook's lease to `ms` from now; false when it is no longer `token`'s. */
  async renew(id: string, token: string, ms: number): Promise<boolean> {
    return (await this.renewScript([webhookLeaseKey(this.node, id)], [token, String(ms)])) === 1;
  }

  async release(id: string, token: string): Promise<void> {
    await this.releaseScript([webhookLeaseKey(this.node, id)], [token]);
  }
}
