import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** Release requests awaiting this node's decision as originator (hash request id -> JSON). */
export const releaseRequestsKey = (node: string): string => `${nodeKeyspace(node)}:releases:requests`;
/** The originators' answers to this node's release requests (hash request id -> JSON). */
export const releaseAnswersKey = (node: string): string => `${nodeKeyspace(node)}:releases:answers`;
