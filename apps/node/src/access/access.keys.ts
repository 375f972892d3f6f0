import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** A live stream ticket, by the SHA-256 of its value (the value itself is never stored). */
export const streamTicketKey = (node: string, digest: string): string =>
  `${nodeKeyspace(node)}:access:stream-ticket:${digest}`;
