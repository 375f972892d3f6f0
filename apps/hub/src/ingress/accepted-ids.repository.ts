import { Inject, Injectable } from '@nestjs/common';
import { LIMITS, acceptedIdKey } from '#contracts';
import { REDIS, defineScript, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { AcceptedIdStore } from './accepted-ids.store.js';

// Older messages are STALE by their sent time, so ids need keeping only this long.
const ACCEPTED_ID_TTL_SECONDS = Math.ceil((LIMITS.sentMaxAgeMs + LIMITS.sentMaxFutureMs) / 1000);

// Set-if-absent and read back in one step, so two hub instances cannot both claim an id.
const CLAIM = `
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
    this.claimScript = defineScript(redis, 'blClaimAcceptedId', 1, CLAIM);
  }

  async claim(id: string, sequence: number): Promise<boolean> {
    const holder = await this.claimScript([acceptedIdKey(id)], [String(sequence), ACCEPTED_ID_TTL_SECONDS]);
    return holder === String(sequence);
  }
}
