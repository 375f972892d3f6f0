import { setTimeout as pause } from 'node:timers/promises';
import {
  JetStreamApiCodes,
  JetStreamApiError,
  type ConsumerInfo,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { exponentialDelay } from './backoff.js';
import { ProvisioningError } from './messaging.errors.js';
import type { ConsumerSpec } from './messaging.options.js';
import { isTransientNatsError } from './retry.js';

const WAIT_FIRST_MS = 500;
const WAIT_MAX_MS = 5_000;

/** How {@link bindConsumer} waits. */
export interface BindOptions {
  /** Aborting stops the wait; `bindConsumer` then resolves with undefined. */
  signal: AbortSignal;
  /** Called before each pause while the consumer (or its stream) does not exist yet or the server does not answer. */
  onWaiting(attempt: number, reason: string): void;
}

/**
 * Waits for a durable consumer that another party provisions (the hub provisions every node's
 * delivery consumer) and resolves with its info: looks it up, and while it or its stream is missing,
 * or JetStream does not answer, waits with backoff and looks again. Only consumer info is used, so a
 * client allowed nothing but its own consumer can bind.
 * @throws ProvisioningError when the consumer reads another filter subject than `spec` expects, or
 * the lookup fails for another reason (e.g. the server's permissions refuse it).
 */
export async function bindConsumer(
  manager: JetStreamManager,
  spec: ConsumerSpec,
  options: BindOptions,
): Promise<ConsumerInfo | undefined> {
  const resource = `${spec.stream}/${spec.durable}`;
  for (let attempt = 1; !options.signal.aborted; attempt++) {
    let info: ConsumerInfo;
    try {
      info = await manager.consumers.info(spec.stream, spec.durable);
    } catch (error) {
      const reason = missingReason(error);
      if (reason === undefined) {
        throw new ProvisioningError(`cannot look up consumer ${resource}`, resource, { cause: error });
      }
      options.onWaiting(attempt, reason);
      await pause(exponentialDelay(attempt, WAIT_FIRST_MS, WAIT_MAX_MS), undefined, {
        signal: options.signal,
      }).catch(() => undefined);
      continue;
    }
    if ((info.config.filter_subject ?? '') !== spec.filterSubject) {
      throw new ProvisioningError(
        `consumer ${resource} reads ${info.config.filter_subject ?? 'every subject'}, not ${spec.filterSubject}`,
        resource,
      );
    }
    return info;
  }
  return undefined;
}

// Why the consumer cannot be bound yet, for conditions that pass by themselves; undefined otherwise.
function missingReason(error: unknown): string | undefined {
  if (error instanceof JetStreamApiError) {
    if (error.code === JetStreamApiCodes.ConsumerNotFound) return 'consumer not provisioned yet';
    if (error.code === JetStreamApiCodes.StreamNotFound) return 'stream not provisioned yet';
  }
  if (isTransientNatsError(error)) return 'JetStream does not answer';
  return undefined;
}
