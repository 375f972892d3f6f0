// Redis key layout. Redis is a cache rebuildable from JetStream; still, renaming a key
// orphans what is stored under the old name.

export const REDIS_PREFIX = 'bl';

/** Ids a node has already taken into its inbox (dedupe). */
export const inboxSeenKey = (node: string): string => `${REDIS_PREFIX}:${node}:inbox:seen`;
/** The node's inbox, newest first (list of message ids). */
export const inboxListKey = (node: string): string => `${REDIS_PREFIX}:${node}:inbox:list`;
/** One received message as stored for the inbox API. */
export const inboxItemKey = (node: string, id: string): string => `${REDIS_PREFIX}:${node}:inbox:item:${id}`;
/** Per-recipient delivery state of a message the node sent (hash recipient -> state). */
export const sentStateKey = (node: string, id: string): string => `${REDIS_PREFIX}:${node}:sent:${id}`;
/** The hub's record of where one message went (its origin and recipients), for receipts and replies. */
export const routeRecordKey = (id: string): string => `${REDIS_PREFIX}:hub:route:${id}`;
