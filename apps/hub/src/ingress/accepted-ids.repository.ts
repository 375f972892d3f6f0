import { Inject, Injectable } from '@nestjs/common';
import { HUB_EPOCH_KEY, LIMITS, acceptedIdKey } from '#contracts';
import { REDIS, defineScript, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { HubStateRebuildingError } from '../state/state.errors.js';
import { AcceptedIdStore } from './accepted-ids.store.js';

// Older messages are STALE by their sent time, so ids need keeping only this long.
export const ACCEPTED_ID_TTL_SECONDS = Math.ceil((LIMITS.sentMaxAgeMs + LIMITS.sentMaxFutureMs) / 1000);

// Set-if-absent and read back in one step, so two hub instances cannot both claim an id. Without
// the epoch marker the set may have been wiped: claiming then could accept a replay, so nothing is
// claimed until the rebuild restored it (the check is in the same step, so no wipe slips between).
const CLAIM = `
if redis.call('EXISTS', KEYS[2]) == 0 then return false end
local holder = redis.call('GET', KEYS[1])
if holder then return holder end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[2])
return ARGV[1]
`;

/** Accepted ids in Redis, each holding the ingress sequence that carried it, expiring with the window. */
@Injectable()
export class AcceptedIdRepository extends AcceptedIdStore {
  private readonly claimScript: RedisScript;

  constructor(@Inject(REDIS) redis: Redis) {
    super();
    this.claimScript = defineScript(redis, 'blClaimAcceptedId', 2, CLAIM);
  }

  async claim(id: string, sequence: number): Promise<boolean> {
    const holder = await this.claimScript(
      [acceptedIdKey(id), HUB_EPOCH_KEY],
      [String(sequence), ACCEPTED_ID_TTL_SECONDS],
    );
    if (holder === null) throw new HubStateRebuildingError();
    return holder === String(sequence);
  }
}
