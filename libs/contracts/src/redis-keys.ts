// Redis key layout. Redis is a cache rebuildable from JetStream; still, renaming a key
// orphans what is stored under the old name.

export const REDIS_PREFIX = 'bl';

/** The hub's record of where one message went (its origin and recipients), for receipts and replies. */
export const routeRecordKey = (id: string): string => `${REDIS_PREFIX}:hub:route:${id}`;
/** The hub's record of one release request (message, requester, further node), for its decision. */
export const releaseRequestKey = (id: string): string => `${REDIS_PREFIX}:hub:release:${id}`;
/** The hub's token bucket of one sender node (hash: tokens, at). */
export const rateBucketKey = (node: string): string => `${REDIS_PREFIX}:hub:rate:${node}`;
/** Ids the hub accepted within the sent-time window, each with the ingress sequence that carried it. */
export const acceptedIdKey = (id: string): string => `${REDIS_PREFIX}:hub:accepted:${id}`;
/** Written after the hub's state was completely rebuilt from its streams; absent means rebuild first. */
export const HUB_EPOCH_KEY = `${REDIS_PREFIX}:hub:epoch`;
/** Marks one rebuild run of the state under `epochKey` in progress; a wipe meanwhile removes it. */
export const rebuildRunKey = (epochKey: string, run: string): string => `${epochKey}:run:${run}`;
