import { Module } from '@nestjs/common';
import { RateLimitStore } from './rate-limit.store.js';
import { TokenBucketRepository } from './token-bucket.repository.js';

/** Per-sender rate limiting of ingress traffic (Redis token buckets). */
@Module({
  providers: [{ provide: RateLimitStore, useClass: TokenBucketRepository }],
  exports: [RateLimitStore],
})
export class RateLimitModule {}
