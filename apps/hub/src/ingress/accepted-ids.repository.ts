import { Inject, Injectable } from '@nestjs/common';
import { LIMITS, acceptedIdKey } from '#contracts';
import { REDIS } from '#runtime';
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

// Registered on the client, so ioredis sends the script by its SHA (EVALSHA) rather than its text per call.
const CLAIM_COMMAND = 'blClaimAcceptedId';

type ClaimingRedis = Redis & {
  [CLAIM_COMMAND](key: string, sequence: string, ttlSeconds: number): Promise<unknown>;
};

/** Accepted ids in Redis, each holding the ingress sequence that carried it, expiring with the window. */
@Injectable()
export class AcceptedIdRepository extends AcceptedIdStore {
  private readonly redis: ClaimingRedis;

  constructor(@Inject(REDIS) redis: Redis) {
    super();
    redis.defineCommand(CLAIM_COMMAND, { numberOfKeys: 1, lua: CLAIM });
    this.redis = redis as ClaimingRedis;
  }

  async claim(id: string, sequence: number): Promise<boolean> {
    const holder = await this.redis[CLAIM_COMMAND](
      acceptedIdKey(id),
      String(sequence),
      ACCEPTED_ID_TTL_SECONDS,
    );
    return holder === String(sequence);
  }
}
