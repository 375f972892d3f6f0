import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { defineScript, type RedisScript } from './redis-script.js';

// A run marker outlives any rebuild; it only needs to vanish on its own if the run died.
const RUN_TTL_SECONDS = 24 * 60 * 60;

// The epoch is written only if the run's marker survived: a wipe during the rebuild took it (and half
// of what was restored), so that run must not declare the state whole.
const COMPLETE = `
if redis.call('EXISTS', KEYS[2]) == 0 then return 0 end
redis.call('SET', KEYS[1], ARGV[1])
redis.call('DEL', KEYS[2])
return 1`;

/**
 * The marker of state in Redis that was rebuilt completely from JetStream. FLUSHALL does not
 * disconnect clients, so its absence is how an app notices a wipe (or a new Redis).
 */
export class EpochMarker {
  private readonly completeScript: RedisScript;

  /** @param epochKey the marker's key; each rebuild run marks itself in progress under `<epochKey>:run:<id>`. */
  constructor(
    private readonly redis: Redis,
    private readonly epochKey: string,
  ) {
    this.completeScript = defineScript(redis, 'blCompleteEpoch', 2, COMPLETE);
  }

  private runKey(run: string): string {
    return `${this.epochKey}:run:${run}`;
  }

  /** True while the marker is present: the state is whole (never wiped since, or rebuilt). */
  async isCurrent(): Promise<boolean> {
    return (await this.redis.exists(this.epochKey)) === 1;
  }

  /** Starts a rebuild run; pass its id to `complete` once everything is restored. */
  async begin(): Promise<string> {
    const run = randomUUID();
    await this.redis.set(this.runKey(run), '1', 'EX', RUN_TTL_SECONDS);
    return run;
  }

  /** Writes the marker, unless Redis was wiped since `run` began; returns whether it did. */
  async complete(run: string, at: Date): Promise<boolean> {
    return (await this.completeScript([this.epochKey, this.runKey(run)], [at.toISOString()])) === 1;
  }
}
