// Redis key layout. Redis is a cache rebuildable from JetStream; still, renaming a key
// orphans what is stored under the old name.

export const REDIS_PREFIX = 'bl';

/** Marks one rebuild run of the state under `epochKey` in progress; a wipe meanwhile removes it. */
export const rebuildRunKey = (epochKey: string, run: string): string => `${epochKey}:run:${run}`;
