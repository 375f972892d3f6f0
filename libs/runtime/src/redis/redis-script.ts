import type { Redis } from 'ioredis';

/** A Lua script registered on a Redis client: call it with its keys and arguments. */
export type RedisScript = (keys: readonly string[], args: readonly (string | number)[]) => Promise<unknown>;

type ScriptCommand = (...keysAndArgs: (string | number)[]) => Promise<unknown>;

/**
 * Registers `lua` on `redis` as command `name` (ioredis `defineCommand`). Calls send EVALSHA, so the
 * script text crosses the wire only when Redis does not hold it yet (after NOSCRIPT ioredis falls back
 * to EVAL once); EVAL would send and hash the whole text on every call.
 */
export function defineScript(redis: Redis, name: string, numberOfKeys: number, lua: string): RedisScript {
  redis.defineCommand(name, { numberOfKeys, lua });
  const command = (redis as unknown as Record<string, ScriptCommand>)[name];
  if (command === undefined) throw new TypeError(`Redis command ${name} was not defined`);
  return (keys, args) => command.call(redis, ...keys, ...args);
}
