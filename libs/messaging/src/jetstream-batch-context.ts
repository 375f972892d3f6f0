import { BaseRpcContext } from '@nestjs/microservices';
import type { JetStreamContext } from './jetstream-context.js';

/**
 * What a batch handler (`ConsumerSpec.inBatches`) knows about its messages: each one's context, in
 * delivery order, and which of them failed. When the handler resolves, every message it did not
 * `fail` is acked; when it throws, every message fails with that error.
 */
export class JetStreamBatchContext extends BaseRpcContext<[readonly JetStreamContext[]]> {
  private readonly failures = new Map<JetStreamContext, unknown>();

  constructor(readonly messages: readonly JetStreamContext[]) {
    super([messages]);
  }

  /**
   * Marks one message of the batch as failed: it is retried after its backoff, or dead-lettered on
   * a `PermanentFailure` or its last attempt, as a handler's error would have it. The first failure
   * recorded for a message counts.
   */
  fail(message: JetStreamContext, error: unknown): void {
    if (!this.failures.has(message)) this.failures.set(message, error);
  }

  /** Whether `message` was marked failed, and with what. */
  failureOf(message: JetStreamContext): { failed: true; error: unknown } | { failed: false } {
    return this.failures.has(message)
      ? { failed: true, error: this.failures.get(message) }
      : { failed: false };
  }
}
