import { Inject, Injectable } from '@nestjs/common';
import { REDIS, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import type { HeldMessage } from '../common/held-message.js';
import { NodeConfig } from '../config/node.config.js';
import { threadOf } from './thread-of.js';
import { threadKey } from './thread-index.keys.js';

/** Which messages this node received or sent belong to each thread: one Redis set per thread. */
@Injectable()
export class ThreadIndexRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  /** Files each message under its thread; repeatable, so it runs before the message is taken in or queued. */
  async file(messages: readonly HeldMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const transaction = this.redis.multi();
    for (const { id, kind, message } of messages) {
      transaction.sadd(threadKey(this.config.NODE_ID, threadOf(kind, message)), id);
    }
    await execTransaction(transaction);
  }

  /** The ids filed under `thread`, in no order. */
  members(thread: string): Promise<string[]> {
    return this.redis.smembers(threadKey(this.config.NODE_ID, thread));
  }
}
