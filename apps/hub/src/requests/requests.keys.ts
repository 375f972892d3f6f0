import { REDIS_PREFIX } from '#runtime';

// Renaming a key or changing the stored JSON orphans what is stored: change one only with a migration.

/** One tracked request (hash): `@meta` its TrackedRequest JSON, one field per addressee with its answer. */
export const requestKey = (notice: string): string => `${REDIS_PREFIX}:hub:request:${notice}`;
/** When each reminder falls due (sorted set: `<notice> <addressee> <stage>` by Unix ms). */
export const REQUEST_TIMERS_KEY = `${REDIS_PREFIX}:hub:request-timers`;
/** A request's record outlives its escalation by this long, then Redis drops it. */
export const REQUEST_TTL_MS = 30 * 24 * 60 * 60 * 1000;
