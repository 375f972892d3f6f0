import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** The alerts concerning one border section (sorted set: id by signed sent time, Unix ms). */
export const sectionAlertsKey = (node: string, section: string): string =>
  `${nodeKeyspace(node)}:section:${section}:alerts`;
/** The notices setting one section's impact level (sorted set: id by signed sent time, Unix ms). */
export const sectionImpactsKey = (node: string, section: string): string =>
  `${nodeKeyspace(node)}:section:${section}:impacts`;
