import { Inject, Injectable } from '@nestjs/common';
import { REDIS, execTransaction } from '#runtime';
import { Redis } from 'ioredis';
import type { HeldMessage } from '../common/held-message.js';
import { NodeConfig } from '../config/node.config.js';
import { tracesKey } from './trace-index.keys.js';

/** The seizure alert a trace request links to (protobuf JSON), if any. */
export function seizureAlertOf(kind: string, message: unknown): string | undefined {
  if (kind !== 'notice' || typeof message !== 'object' || message === null) return undefined;
  const alert = (message as { trace?: { seizureAlert?: unknown } }).trace?.seizureAlert;
  return typeof alert === 'string' && alert !== '' ? alert : undefined;
}

/** Which trace requests this node holds for each seizure alert: a Redis set per alert. */
@Injectable()
export class TraceIndexRepository {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    private readonly config: NodeConfig,
  ) {}

  /** Files each trace request under its seizure alert; repeatable. */
  async file(messages: readonly HeldMessage[]): Promise<void> {
    const linked = messages.flatMap(({ id, kind, message }) => {
      const alert = seizureAlertOf(kind, message);
      return alert === undefined ? [] : [{ id, alert }];
    });
    if (linked.length === 0) return;
    const transaction = this.redis.multi();
    for (const { id, alert } of linked) transaction.sadd(tracesKey(this.config.NODE_ID, alert), id);
    await execTransaction(transaction);
  }

  /** The trace requests filed under seizure alert `alert`. */
  members(alert: string): Promise<string[]> {
    return this.redis.smembers(tracesKey(this.config.NODE_ID, alert));
  }
}
