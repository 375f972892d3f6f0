// Redis is a cache rebuildable from JetStream; still, renaming a key orphans what is stored under the
// old name. Each app builds its own keys (`<feature>.keys.ts`) under its keyspace.

/** The first segment of every key Borderlink writes: `bl:hub:…`, `bl:<node>:…`. */
export const REDIS_PREFIX = 'bl';

/** The owner of the hub's keyspace (`bl:hub`), shared by every hub instance. */
export const HUB_KEYSPACE_OWNER = 'hub';

/**
 * The keyspace of one app's state, `bl:<owner>`: a node's id, or `hub`. Every key the app writes lies
 * under `<keyspace>:`, and its Redis user may touch no other key (`redis-acl.ts`).
 */
export const redisKeyspace = (owner: string): string => `${REDIS_PREFIX}:${owner}`;
