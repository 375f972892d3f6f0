/** Injection token of the shared ioredis client: `@Inject(REDIS) redis: Redis`. */
export const REDIS: unique symbol = Symbol('borderlink:redis');
