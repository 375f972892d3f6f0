import { Inject, Injectable } from '@nestjs/common';
import { REDIS, defineScript, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { HubStateRebuildingError } from '../state/state.errors.js';
import { HUB_EPOCH_KEY } from '../state/state.keys.js';
import { AcceptedIdStore } from './accepted-ids.store.js';
import { ACCEPTED_IDS } from './ingress.keys.js';

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
      [ACCEPTED_IDS.key(id), HUB_EPOCH_KEY],
      [ACCEPTED_IDS.text(sequence), ACCEPTED_IDS.ttlSeconds],
    );
    if (holder === null) throw new HubStateRebuildingError();
    return holder === ACCEPTED_IDS.text(sequence);
  }
}
