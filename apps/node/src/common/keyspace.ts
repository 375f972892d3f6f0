import { redisKeyspace } from '#runtime';

/**
 * The prefix of every Redis key of node `node` (`bl:<node>`), the keyspace its Redis user is limited
 * to. Each feature builds its own keys under it, in its `<feature>.keys.ts`; Redis is rebuilt from the
 * streams, but renaming a key still orphans what is stored under the old name, so a change needs a
 * migration.
 */
export const nodeKeyspace = (node: string): string => redisKeyspace(node);
