import { REDIS_PREFIX } from '#runtime';

// Redis is rebuilt from JetStream, yet renaming a key orphans what is stored under the old name and
// makes a running hub rebuild: change one only with a migration.

/** Written after the hub's state was completely rebuilt from its streams; absent means rebuild first. */
export const HUB_EPOCH_KEY = `${REDIS_PREFIX}:hub:epoch`;
