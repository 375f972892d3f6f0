import type { Redis } from 'ioredis';
import { HubStateRebuildingError } from './state.errors.js';
import { HUB_EPOCH_KEY } from './state.keys.js';

/**
 * How a feature keeps one kind of record in Redis, declared in its `<feature>.keys.ts`: the key of
 * each record, how long it lives and its stored text. The rebuild restores records through it.
 */
export interface RecordKeys<T> {
  /** The key of the record of `id`. */
  key(id: string): string;
  /** Its lifetime from the occurrence that wrote it. */
  ttlSeconds: number;
  /** Its stored text. */
  text(value: T): string;
}

/**
 * The text stored at `key`, or null when there is none; a miss while the hub's epoch marker is
 * absent is no answer (the record may have been wiped and not yet rebuilt), so it throws.
 * @throws HubStateRebuildingError when `key` is missing and the hub's state awaits its rebuild.
 */
export async function readHubRecord(redis: Redis, key: string): Promise<string | null> {
  const [text] = await readHubRecords(redis, [key]);
  return text ?? null;
}

/**
 * The texts stored at `keys`, in order, null where there is none, read in one round trip; as
 * readHubRecord, a miss while the hub's state awaits its rebuild is no answer.
 * @throws HubStateRebuildingError when a key is missing and the hub's state awaits its rebuild.
 */
export async function readHubRecords(redis: Redis, keys: readonly string[]): Promise<(string | null)[]> {
  if (keys.length === 0) return [];
  const texts = await redis.mget(...keys);
  if (texts.every((text) => text !== null)) return texts;
  // Read after the miss: a marker present now was present at the miss (only a rebuild writes it,
  // after restoring what the miss could have been).
  if ((await redis.exists(HUB_EPOCH_KEY)) === 0) throw new HubStateRebuildingError();
  return texts;
}

/**
 * The fields of a JSON object stored in Redis, or undefined when the text is not one: records the hub
 * keeps are a cache, so an unreadable one reads as missing rather than failing the message.
 */
export function readJsonObject(text: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
