import { Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter.js';
import { TokenBucketRepository } from './token-bucket.repository.js';

/** Per-sender rate limiting of ingress traffic (Redis token buckets). */
@Module({
  providers: [{ provide: RateLimiter, useClass: TokenBucketRepository }],
  exports: [RateLimiter],
})
export class RateLimitModule {}
