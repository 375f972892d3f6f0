import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** Per-recipient delivery state of a message the node sent (hash recipient -> state). */
export const sentStateKey = (node: string, id: string): string => `${nodeKeyspace(node)}:sent:${id}`;
