import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/**
 * Written after a node's state was completely rebuilt from its deliveries; its absence (a wiped or
 * new Redis) makes the node rebuild.
 */
export const nodeEpochKey = (node: string): string => `${nodeKeyspace(node)}:epoch`;
