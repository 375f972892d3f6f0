import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** The closed user groups this node belongs to, as it last heard (hash group id -> JSON). */
export const groupViewsKey = (node: string): string => `${nodeKeyspace(node)}:groups`;
