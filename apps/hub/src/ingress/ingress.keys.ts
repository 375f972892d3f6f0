import { LIMITS } from '#contracts';
import { REDIS_PREFIX } from '#runtime';
import type { RecordKeys } from '../state/stored-record.js';

// Renaming a key orphans what is stored under the old name: change one only with a migration.

/** Ids the hub accepted within the sent-time window, each holding the ingress sequence that carried it. */
export const ACCEPTED_IDS: RecordKeys<number> = {
  key: (id) => `${REDIS_PREFIX}:hub:accepted:${id}`,
  // Older messages are STALE by their sent time, so ids need keeping only this long.
  ttlSeconds: Math.ceil((LIMITS.sentMaxAgeMs + LIMITS.sentMaxFutureMs) / 1000),
  text: String,
};
