import { HUB_EPOCH_KEY } from '#contracts';
import type { Redis } from 'ioredis';
import { HubStateRebuildingError } from './hub-state-rebuilding.error.js';

/**
 * The text stored at `key`, or null when there is none; a miss while the hub's epoch marker is
 * absent is no answer (the record may have been wiped and not yet rebuilt), so it throws.
 * @throws HubStateRebuildingError when `key` is missing and the hub's state awaits its rebuild.
 */
export async function readHubRecord(redis: Redis, key: string): Promise<string | null> {
  const text = await redis.get(key);
  if (text !== null) return text;
  // Read after the miss: a marker present now was present at the miss (only a rebuild writes it,
  // after restoring what the miss could have been).
  if ((await redis.exists(HUB_EPOCH_KEY)) === 0) throw new HubStateRebuildingError();
  return null;
}
