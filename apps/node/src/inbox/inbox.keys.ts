import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** Ids a node has already taken into its inbox (dedupe). */
export const inboxSeenKey = (node: string): string => `${nodeKeyspace(node)}:inbox:seen`;
/** The node's inbox, newest first (list of message ids): every item, as someone cleared for TLP:RED sees it. */
export const inboxListKey = (node: string): string => `${nodeKeyspace(node)}:inbox:list`;
/**
 * The items someone of a lower clearance may see, newest first: a list of its own, so that its page
 * cursors count only what that reader may know exists.
 */
export const inboxClearanceListKey = (node: string, clearance: 'amber' | 'amber-strict'): string =>
  `${nodeKeyspace(node)}:inbox:list:${clearance}`;
/** One received message as stored for the inbox API. */
export const inboxItemKey = (node: string, id: string): string => `${nodeKeyspace(node)}:inbox:item:${id}`;
/** The alerts a later one superseded or cancelled (hash: earlier id → the change's JSON), one hash per state. */
export const inboxChangesKey = (node: string, state: 'superseded' | 'cancelled'): string =>
  `${nodeKeyspace(node)}:inbox:${state}`;
