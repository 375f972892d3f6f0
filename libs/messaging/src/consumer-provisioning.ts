import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  ReplayPolicy,
  type ConsumerConfig,
  type ConsumerInfo,
  type ConsumerUpdateConfig,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';
import { ProvisioningError } from './messaging.errors.js';
import type { ConsumerSpec } from './messaging.options.js';

/** A consumer spec with every default filled in (ordering stays optional). */
export type ResolvedConsumerSpec = Required<Omit<ConsumerSpec, 'sequenceBy'>> &
  Pick<ConsumerSpec, 'sequenceBy'>;

const DEFAULTS = {
  maxAttempts: 10,
  ackWaitMs: 30_000,
  maxAckPending: 1_000,
  batch: 256,
  concurrency: 64,
} as const;

/**
 * The spec with defaults for what it leaves out.
 * @throws RangeError for a limit that cannot work (zero batch, negative ack wait, …).
 */
export function resolveConsumerSpec(spec: ConsumerSpec): ResolvedConsumerSpec {
  const resolved: ResolvedConsumerSpec = {
    pattern: spec.pattern,
    stream: spec.stream,
    durable: spec.durable,
    filterSubject: spec.filterSubject,
    maxAttempts: spec.maxAttempts ?? DEFAULTS.maxAttempts,
    ackWaitMs: spec.ackWaitMs ?? DEFAULTS.ackWaitMs,
    maxAckPending: spec.maxAckPending ?? DEFAULTS.maxAckPending,
    batch: spec.batch ?? DEFAULTS.batch,
    concurrency: spec.concurrency ?? DEFAULTS.concurrency,
    bind: spec.bind ?? false,
    inBatches: spec.inBatches ?? false,
    gatherMs: spec.gatherMs ?? 0,
    ...(spec.sequenceBy === undefined ? {} : { sequenceBy: spec.sequenceBy }),
  };
  const positive = ['ackWaitMs', 'maxAckPending', 'batch', 'concurrency'] as const;
  for (const field of positive) {
    if (!Number.isInteger(resolved[field]) || resolved[field] < 1) {
      throw new RangeError(`consumer ${spec.durable}: ${field} must be a positive integer`);
    }
  }
  if (!Number.isInteger(resolved.gatherMs) || resolved.gatherMs < 0) {
    throw new RangeError(`consumer ${spec.durable}: gatherMs must be a non-negative integer`);
  }
  if (!Number.isInteger(resolved.maxAttempts) || (resolved.maxAttempts < 1 && resolved.maxAttempts !== -1)) {
    throw new RangeError(`consumer ${spec.durable}: maxAttempts must be a positive integer or -1`);
  }
  return resolved;
}

/** The fields of a consumer that provisioning owns. */
export type DeclaredConsumerConfig = Pick<
  ConsumerConfig,
  | 'durable_name'
  | 'ack_policy'
  | 'deliver_policy'
  | 'replay_policy'
  | 'filter_subject'
  | 'max_deliver'
  | 'ack_wait'
  | 'max_ack_pending'
>;

/**
 * A durable pull consumer with explicit acks and one filter subject (nats-server 2.9 has no more).
 * No server-side max_deliver: the server's delivery count can run far ahead of the handler's
 * attempts, so the transport alone decides when a message is dead-lettered (FailureTally).
 */
export function consumerConfig(spec: ConsumerSpec): DeclaredConsumerConfig {
  const resolved = resolveConsumerSpec(spec);
  return {
    durable_name: resolved.durable,
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    filter_subject: resolved.filterSubject,
    max_deliver: -1,
    ack_wait: nanos(resolved.ackWaitMs),
    max_ack_pending: resolved.maxAckPending,
  };
}

/**
 * The updatable fields where `current` differs from `declared`, or undefined when none do.
 * (nats-server 2.9 refuses a changed filter subject; 2.10+ accepts it.)
 * @throws ProvisioningError when the existing consumer is of another kind (push, other ack policy).
 */
export function consumerUpdate(
  current: ConsumerConfig,
  declared: DeclaredConsumerConfig,
): Partial<ConsumerUpdateConfig> | undefined {
  if (current.deliver_subject || current.ack_policy !== declared.ack_policy) {
    throw new ProvisioningError(
      `consumer ${declared.durable_name} exists as another kind of consumer (push or not explicit ack); ` +
        'it must be deleted and provisioned again',
      declared.durable_name ?? '',
    );
  }
  const update: Partial<ConsumerUpdateConfig> = {};
  if ((current.filter_subject ?? '') !== declared.filter_subject)
    update.filter_subject = declared.filter_subject;
  if (current.max_deliver !== declared.max_deliver) update.max_deliver = declared.max_deliver;
  if (current.ack_wait !== declared.ack_wait) update.ack_wait = declared.ack_wait;
  if (current.max_ack_pending !== declared.max_ack_pending) update.max_ack_pending = declared.max_ack_pending;
  return Object.keys(update).length > 0 ? update : undefined;
}

/**
 * Creates the durable consumer, or updates it where its configuration differs; leaves a matching
 * one alone. Resolves with the consumer's info.
 * @throws ProvisioningError naming the consumer, with the server's error as `cause`.
 */
export async function provisionConsumer(
  manager: JetStreamManager,
  spec: ConsumerSpec,
): Promise<ConsumerInfo> {
  const declared = consumerConfig(spec);
  const resource = `${spec.stream}/${spec.durable}`;
  try {
    const current = (await findConsumer(manager, spec)) ?? (await createConsumer(manager, spec, declared));
    const update = consumerUpdate(current.config, declared);
    return update ? await manager.consumers.update(spec.stream, spec.durable, update) : current;
  } catch (error) {
    if (error instanceof ProvisioningError) throw error;
    throw new ProvisioningError(`cannot provision consumer ${resource}`, resource, { cause: error });
  }
}

async function findConsumer(
  manager: JetStreamManager,
  spec: ConsumerSpec,
): Promise<ConsumerInfo | undefined> {
  try {
    return await manager.consumers.info(spec.stream, spec.durable);
  } catch (error) {
    if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)
      return undefined;
    throw error;
  }
}

async function createConsumer(
  manager: JetStreamManager,
  spec: ConsumerSpec,
  declared: DeclaredConsumerConfig,
): Promise<ConsumerInfo> {
  try {
    return await manager.consumers.add(spec.stream, declared);
  } catch (error) {
    // Another instance may have created it with a different config in the meantime: continue from it.
    const raced = await findConsumer(manager, spec).catch(() => undefined);
    if (raced) return raced;
    throw error;
  }
}
