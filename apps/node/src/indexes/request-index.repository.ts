import { Inject, Injectable } from '@nestjs/common';
import { REDIS, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import type { HeldMessage } from '../common/held-message.js';
import { NodeConfig } from '../config/node.config.js';
import { requestsKey } from './requests.keys.js';

/** The notice kinds that ask their addressees for an answer by a deadline (protobuf JSON names). */
export const REQUEST_KINDS: ReadonlySet<string> = new Set([
  'NOTICE_KIND_REQUEST_FOR_ASSISTANCE',
  'NOTICE_KIND_INFORMATION_REQUEST',
  'NOTICE_KIND_FIREARMS_TRACE_REQUEST',
  'NOTICE_KIND_JOINT_OPERATION',
]);

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
      if (kind !== 'notice' || !REQUEST_KINDS.has(noticeKind ?? '') || deadline === undefined) return [];
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
