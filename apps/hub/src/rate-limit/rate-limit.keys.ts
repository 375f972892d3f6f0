import { REDIS_PREFIX } from '#runtime';

// Renaming a key orphans what is stored under the old name: change one only with a migration.

/** The token bucket of one sender node (hash: tokens, at); it expires once it would have refilled. */
export const rateBucketKey = (node: string): string => `${REDIS_PREFIX}:hub:rate:${node}`;
