import { Inject, Injectable } from '@nestjs/common';
import { REDIS, defineScript, execTransaction, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import { RegistrationsRepository } from './registrations.repository.js';
import { SubscriptionsWipedError } from './service-subscriptions.errors.js';
import type { StoredSubscription } from './service-subscription.js';
import {
  subscriptionLogKey,
  subscriptionMatchedKey,
  subscriptionsKey,
  subscriptionsRestoredKey,
  webhookAttemptsKey,
  webhookLeaseKey,
  webhookStateKey,
} from './service-subscriptions.keys.js';
import type { WebhookAttempt, WebhookState } from './webhook-state.js';

// Most attempts kept per webhook for its owner to read.
const ATTEMPTS_KEPT = 50;

// Appends a batch's matches in one call, in order. KEYS: the restored marker, the subscriptions hash,
// then per match its log and its matched set; ARGV: now (ms), the oldest append time a log keeps
// (ms), then per match the subscription id, the message id, its sender and the end of its retention
// (ms). A match is appended only while its subscription exists and only once per message (ZADD NX),
// so a delivery taken in again appends nothing; ids whose retention ended leave the matched set.
// Returns -1, appending nothing, while the hash is not restored after a wipe.
const APPEND = `
if redis.call('EXISTS', KEYS[1]) == 0 then return -1 end
local appended = 0
for i = 3, #KEYS, 2 do
  local at = 2 + 4 * ((i - 1) / 2 - 1)
  local sub, id, sender, retained = ARGV[at + 1], ARGV[at + 2], ARGV[at + 3], ARGV[at + 4]
  if redis.call('HEXISTS', KEYS[2], sub) == 1 then
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

// Restores the subscriptions hash from a store file after a wipe, unless another instance did.
// KEYS: the restored marker, the hash, then per registration its webhook's state; ARGV: '1' when
// the file has followed the registrations (else it only marks a hash written before the marker
// existed, and restores nothing), then per registration its id, its JSON, its webhook's failures,
// epoch and disabledAt ('' for none), or three '' without a standing. A webhook starts its (new) log
// from the start: the positions before the wipe are gone. What was written since the wipe stays
// (HSETNX, a state only where there is none). Returns 1 when the marker is set.
const RESTORE = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
if ARGV[1] ~= '1' then
  if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
  redis.call('SET', KEYS[1], '1')
  return 1
end
for i = 3, #KEYS do
  local at = 1 + 5 * (i - 3)
  redis.call('HSETNX', KEYS[2], ARGV[at + 1], ARGV[at + 2])
  if ARGV[at + 3] ~= '' and redis.call('EXISTS', KEYS[i]) == 0 then
    redis.call('HSET', KEYS[i], 'cursor', '0', 'failures', ARGV[at + 3], 'epoch', ARGV[at + 4])
    if ARGV[at + 5] ~= '' then redis.call('HSET', KEYS[i], 'disabledAt', ARGV[at + 5]) end
  end
end
redis.call('SET', KEYS[1], '1')
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
 * Adapter of the node's service subscriptions. The registrations and their webhooks' standing are
 * recorded in the node's store file first (RegistrationsRepository), then in Redis: one hash of them
 * all, which every instance reads, and per subscription its log of matches (a stream), the ids
 * already in it, its webhook's state, latest attempts and lease. After a wipe, the first call that
 * notices it (the restored marker missing) restores the hash from the store file; the logs start
 * empty and the node's rebuild fills them again.
 */
@Injectable()
export class ServiceSubscriptionsRepository {
  private readonly appendScript: RedisScript;
  private readonly releaseScript: RedisScript;
  private readonly renewScript: RedisScript;
  private readonly saveWebhookScript: RedisScript;
  private readonly restoreScript: RedisScript;
  // The restore under way in this process, so concurrent callers share it.
  private restoring?: Promise<void>;
  // Changes made through this instance: a read of Redis that one overtook must not undo it in the store.
  private changes = 0;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly store: RegistrationsRepository,
    private readonly config: NodeConfig,
  ) {
    this.appendScript = defineScript(redis, 'blServiceSubscriptionsAppend', 'each call', APPEND);
    this.releaseScript = defineScript(redis, 'blServiceSubscriptionsRelease', 1, RELEASE);
    this.renewScript = defineScript(redis, 'blServiceSubscriptionsRenew', 1, RENEW);
    this.saveWebhookScript = defineScript(redis, 'blServiceSubscriptionsSaveWebhook', 3, SAVE_WEBHOOK);
    this.restoreScript = defineScript(redis, 'blServiceSubscriptionsRestore', 'each call', RESTORE);
  }

  private get node(): string {
    return this.config.NODE_ID;
  }

  /**
   * Every subscription of the node, as Redis holds it (restored first after a wipe); this instance's
   * store file is brought in line with it, so it holds other instances' changes too.
   */
  async all(): Promise<StoredSubscription[]> {
    const node = this.node;
    const changes = this.changes;
    const read = async () => {
      const [restored, values] = (await execTransaction(
        this.redis.multi().exists(subscriptionsRestoredKey(node)).hvals(subscriptionsKey(node)),
      )) as [number, string[]];
      return { restored: restored === 1, values };
    };
    let { restored, values } = await read();
    if (!restored) {
      await this.restore();
      ({ restored, values } = await read());
    }
    const subscriptions = values.map((raw) => JSON.parse(raw) as StoredSubscription);
    // Only a hash that is whole is followed, and not over a change this instance made meanwhile.
    if (restored && this.changes === changes) this.store.mirror(subscriptions);
    return subscriptions;
  }

  async get(id: string): Promise<StoredSubscription | undefined> {
    const node = this.node;
    const read = async () =>
      (await execTransaction(
        this.redis.multi().exists(subscriptionsRestoredKey(node)).hget(subscriptionsKey(node), id),
      )) as [number, string | null];
    const [restored, first] = await read();
    let raw = first;
    if (restored === 0) {
      await this.restore();
      [, raw] = await read();
    }
    return raw === null ? undefined : (JSON.parse(raw) as StoredSubscription);
  }

  /** Records the subscription in the store file, then in Redis. */
  async put(subscription: StoredSubscription): Promise<void> {
    this.changes++;
    this.store.put(subscription);
    await this.restoreIfWiped();
    await this.redis.hset(subscriptionsKey(this.node), subscription.id, JSON.stringify(subscription));
  }

  /**
   * Removes the subscription from the store file, then from Redis with its log, its webhook's state
   * and attempts, in one transaction.
   */
  async delete(id: string): Promise<void> {
    const node = this.node;
    this.changes++;
    this.store.delete(id);
    await this.restoreIfWiped();
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
    let appended = await this.appendOnce(matches, now, keepSince);
    if (appended === -1) {
      await this.restore();
      appended = await this.appendOnce(matches, now, keepSince);
    }
    // Wiped again between the restore and the append: the delivery is taken in again later.
    if (appended === -1) throw new SubscriptionsWipedError();
    return appended;
  }

  private async appendOnce(matches: readonly Match[], now: number, keepSince: number): Promise<number> {
    const node = this.node;
    return (await this.appendScript(
      [
        subscriptionsRestoredKey(node),
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
    const saved = await this.saveWebhookScript(
      [subscriptionsKey(node), webhookStateKey(node, id), webhookAttemptsKey(node, id)],
      [
        id,
        String(ATTEMPTS_KEPT),
        attempt === undefined ? '' : JSON.stringify(attempt),
        expectedEpoch === undefined ? '' : String(expectedEpoch),
        ...fields,
      ],
    );
    if (saved !== 1) return false;
    this.store.saveStanding(id, state);
    return true;
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

  private async restoreIfWiped(): Promise<void> {
    if ((await this.redis.exists(subscriptionsRestoredKey(this.node))) === 0) await this.restore();
  }

  // The store file's registrations into Redis, once per wipe across the node's instances.
  private restore(): Promise<void> {
    this.restoring ??= (async () => {
      try {
        const node = this.node;
        const registrations = this.store.all();
        await this.restoreScript(
          [
            subscriptionsRestoredKey(node),
            subscriptionsKey(node),
            ...registrations.map(({ subscription }) => webhookStateKey(node, subscription.id)),
          ],
          [
            this.store.knowsRegistrations() ? '1' : '0',
            ...registrations.flatMap(({ subscription, standing }) => [
              subscription.id,
              JSON.stringify(subscription),
              standing === undefined ? '' : String(standing.failures),
              standing === undefined ? '' : String(standing.epoch),
              standing?.disabledAt ?? '',
            ]),
          ],
        );
      } finally {
        this.restoring = undefined;
      }
    })();
    return this.restoring;
  }
}
