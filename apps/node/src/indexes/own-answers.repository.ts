import { Inject, Injectable } from '@nestjs/common';
import { REDIS } from '#runtime';
import { Redis } from 'ioredis';
import { NodeConfig } from '../config/node.config.js';
import { ownAnswersKey } from './requests.keys.js';

/** This node's users' receipts to what it received, as far as a request's state needs them. */
export type OwnAnswer = 'read' | 'acknowledged' | 'declined';

/** What this node answered to each message it received: one Redis hash. */
@Injectable()
export class OwnAnswersRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  /** Records the answer to `message`, once queued to go out. */
  async record(message: string, answer: OwnAnswer): Promise<void> {
    await this.redis.hset(ownAnswersKey(this.config.NODE_ID), message, answer);
  }

  /** The answers recorded to each of `messages`, in order. */
  async of(messages: readonly string[]): Promise<(OwnAnswer | undefined)[]> {
    if (messages.length === 0) return [];
    const answers = await this.redis.hmget(ownAnswersKey(this.config.NODE_ID), ...messages);
    return answers.map((answer) => (answer ?? undefined) as OwnAnswer | undefined);
  }
}
