import type { Redis } from 'ioredis';

/** A Lua script registered on a Redis client: call it with its keys and arguments. */
export type RedisScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

type ScriptCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * Registers `lua` on `redis` as command `name` (ioredis `defineCommand`). Calls send EVALSHA, so the
 * script text crosses the wire only when Redis does not hold it yet (after NOSCRIPT ioredis falls back
 * to EVAL once); EVAL would send and hash the whole text on every call.
 *
 * @param numberOfKeys the keys every call passes; `'each call'` for a script whose calls pass as many
 *   as they need (a batch with a key per item).
 */
export function defineScript(
  redis: Redis,
  name: string,
  numberOfKeys: number | 'each call',
  lua: string,
): RedisScript {
  if (numberOfKeys === 'each call') redis.defineCommand(name, { lua });
  else redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, ScriptCommand>)[name];
  if (command === undefined) throw new TypeError(`Redis command ${name} was not defined`);
  // Without a fixed count, ioredis takes the number of keys as the call's first argument.
  if (numberOfKeys === 'each call') return (keys, args) => command.call(redis, keys.length, ...keys, ...args);
  return (keys, args) => command.call(redis, ...keys, ...args);
}
