import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** The ids of the messages of one thread this node received or sent (a set). */
export const threadKey = (node: string, thread: string): string => `${nodeKeyspace(node)}:thread:${thread}`;
