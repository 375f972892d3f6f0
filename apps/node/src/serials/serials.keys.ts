import { nodeKeyspace } from '../common/keyspace.js';

// Renaming a key orphans what is stored under the old name: a change needs a migration.

/** Every normalised serial this node has indexed (a set): what a partly unreadable one is compared with. */
export const serialsKey = (node: string): string => `${nodeKeyspace(node)}:serials`;
/** The indexed serials with unreadable characters (a set): what every new serial is compared with. */
export const partialSerialsKey = (node: string): string => `${nodeKeyspace(node)}:serials:partial`;
/** Where one normalised serial was written: SerialEntry JSON by when it was indexed (a sorted set). */
export const serialKey = (node: string, serial: string): string => `${nodeKeyspace(node)}:serial:${serial}`;
