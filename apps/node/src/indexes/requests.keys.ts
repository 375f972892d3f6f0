import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** The requests this node sent (`outgoing`) or received (`incoming`): sets of notice ids. */
export const requestsKey = (node: string, side: 'incoming' | 'outgoing'): string =>
  `${nodeKeyspace(node)}:requests:${side}`;
/** This node's own answers (receipts) to what it received (hash: message id → receipt kind). */
export const ownAnswersKey = (node: string): string => `${nodeKeyspace(node)}:answers`;
