import { Logger } from '@nestjs/common';
import { Redis } from 'ioredis';
import { redisServerOf } from './redis-credentials.js';

// Commands issued while Redis is away wait in the offline queue for five reconnect attempts
// (about 1.5 s) and then fail, so a message handler naks and JetStream redelivers later
// instead of the handler hanging for the whole outage.
const MAX_RETRIES_PER_REQUEST = 5;
const retryDelayMs = (attempt: number): number => Math.min(attempt * 100, 2_000);
// disconnect() arms a timer that destroys a socket still open after this long; a socket that already
// failed never reports closing, so with Redis unreachable the timer runs out and delays process exit.
const DISCONNECT_TIMEOUT_MS = 500;

// Reports transitions only: ioredis repeats close/reconnecting/error on every failed attempt.
function logConnectionState(client: Redis, logger: Logger, target: string): void {
  let ready = false;
  let lastError: string | undefined;
  client.on('ready', () => {
    ready = true;
    lastError = undefined;
    logger.log(`Redis ready at ${target}`);
  });
  // 'reconnecting' rather than 'close': a close caused by quit() is followed by 'end' instead.
  client.on('reconnecting', () => {
    if (!ready) return;
    ready = false;
    logger.warn(`Redis connection to ${target} lost; reconnecting`);
  });
  client.on('error', (error: Error) => {
    if (error.message === lastError) return;
    lastError = error.message;
    logger.warn(`Redis error at ${target}: ${error.message}`);
  });
  client.on('end', () => logger.log(`Redis connection to ${target} closed`));
}

/**
 * An ioredis client that connects at once, queues commands while disconnected, reconnects forever,
 * and logs its connection state changes (the URL's credentials are never logged).
 *
 * It sends only the commands its app's Redis user is allowed (redis-acl.ts): no INFO for ioredis's
 * ready check and no CLIENT SETINFO, which a least-privilege user is refused. Without the ready
 * check, a command sent while Redis still loads its data fails (LOADING) like any other outage, and
 * is retried the same way.
 */
export function createRedisClient(url: string): Redis {
  const client = new Redis(url, {
    lazyConnect: false,
    enableOfflineQueue: true,
    enableReadyCheck: false,
    disableClientInfo: true,
    maxRetriesPerRequest: MAX_RETRIES_PER_REQUEST,
    retryStrategy: retryDelayMs,
    disconnectTimeout: DISCONNECT_TIMEOUT_MS,
  });
  logConnectionState(client, new Logger('Redis'), redisServerOf(url));
  return client;
}
