import { Inject, Injectable } from '@nestjs/common';
import { isRequestKind } from '#contracts';
import { REDIS, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import type { HeldMessage } from '../common/held-message.js';
import { NodeConfig } from '../config/node.config.js';
import { requestsKey } from './requests.keys.js';

/** Which requests this node sent and received: two Redis sets. */
@Injectable()
export class RequestIndexRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  /** Files each request (a notice of a request kind with a deadline) on its side; repeatable. */
  async file(messages: readonly HeldMessage[]): Promise<void> {
    const node = this.config.NODE_ID;
    const requests = messages.flatMap(({ id, kind, message }) => {
      const {
        kind: noticeKind,
        deadline,
        sender,
      } = message as { kind?: string; deadline?: string; sender?: string };
      if (kind !== 'notice' || !isRequestKind(noticeKind ?? '') || deadline === undefined) return [];
      return [{ id, side: sender === node ? ('outgoing' as const) : ('incoming' as const) }];
    });
    if (requests.length === 0) return;
    const transaction = this.redis.multi();
    for (const { id, side } of requests) transaction.sadd(requestsKey(node, side), id);
    await execTransaction(transaction);
  }

  /** The requests of one side. */
  members(side: 'incoming' | 'outgoing'): Promise<string[]> {
    return this.redis.smembers(requestsKey(this.config.NODE_ID, side));
  }
}
