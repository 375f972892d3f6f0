import { Inject, Injectable } from '@nestjs/common';
import { REDIS, defineScript, type RedisScript } from '#runtime';
import { Redis } from 'ioredis';
import { HubConfig } from '../config/hub.config.js';
import { rateBucketKey } from './rate-limit.keys.js';
import { RateLimitStore } from './rate-limit.store.js';

// One atomic step of a token bucket. Redis's own clock (TIME) keeps every hub instance on one time line;
// the bucket expires once it would have refilled, so idle senders cost nothing.
const TAKE_TOKEN = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1]) or burst
local at = tonumber(state[2]) or now
if now > at then
  tokens = math.min(burst, tokens + (now - at) * rate / 1000)
  at = now
end
local admitted = 0
if tokens >= 1 then
  tokens = tokens - 1
  admitted = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(at))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return admitted
`;

/** Token buckets in Redis, one per sender node: HUB_RATE_PER_SECOND refill, HUB_RATE_BURST capacity. */
@Injectable()
export class TokenBucketRepository extends RateLimitStore {
  private readonly takeToken: RedisScript;

  constructor(
    @Inject(REDIS) redis: Redis,
    private readonly config: HubConfig,
  ) {
    super();
    this.takeToken = defineScript(redis, 'blTakeRateToken', 1, TAKE_TOKEN);
  }

  async admit(node: string): Promise<boolean> {
    const admitted = await this.takeToken(
      [rateBucketKey(node)],
      [this.config.HUB_RATE_PER_SECOND, this.config.HUB_RATE_BURST],
    );
    return admitted === 1;
  }
}
