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
/** Release requests awaiting this node's decision as originator (hash request id -> JSON). */
export const releaseRequestsKey = (node: string): string => `${REDIS_PREFIX}:${node}:releases:requests`;
/** The originators' answers to this node's release requests (hash request id -> JSON). */
export const releaseAnswersKey = (node: string): string => `${REDIS_PREFIX}:${node}:releases:answers`;
/** The closed user groups this node belongs to, as it last heard (hash group id -> JSON). */
export const groupViewsKey = (node: string): string => `${REDIS_PREFIX}:${node}:groups`;
/**
 * Written after a node's state was completely rebuilt from its deliveries; its absence (a wiped or
 * new Redis) makes the node rebuild.
 */
export const nodeEpochKey = (node: string): string => `${REDIS_PREFIX}:${node}:epoch`;
/** Marks one rebuild run of the state under `epochKey` in progress; a wipe meanwhile removes it. */
export const rebuildRunKey = (epochKey: string, run: string): string => `${epochKey}:run:${run}`;
