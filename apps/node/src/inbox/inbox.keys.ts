import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** Ids a node has already taken into its inbox (dedupe). */
export const inboxSeenKey = (node: string): string => `${nodeKeyspace(node)}:inbox:seen`;
/** The node's inbox, newest first (list of message ids). */
export const inboxListKey = (node: string): string => `${nodeKeyspace(node)}:inbox:list`;
/** One received message as stored for the inbox API. */
export const inboxItemKey = (node: string, id: string): string => `${nodeKeyspace(node)}:inbox:item:${id}`;
