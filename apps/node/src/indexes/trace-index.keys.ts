import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** The trace requests linked to one seizure alert (a set of notice ids). */
export const tracesKey = (node: string, alert: string): string => `${nodeKeyspace(node)}:traces:${alert}`;
