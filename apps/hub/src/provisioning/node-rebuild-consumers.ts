import { STREAM_DELIVERY, deliveryFilter, nodeRebuildConsumer } from '#contracts';
import {
  AckPolicy,
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  ReplayPolicy,
  type ConsumerConfig,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { nanos } from '@nats-io/transport-node';

// Long enough for a node to read its whole backlog between pulls; then the server removes it
// (durable inactive threshold, nats-server 2.9+), so an abandoned rebuild leaves nothing behind.
const INACTIVE_THRESHOLD_MS = 10 * 60_000;
const ACK_WAIT_MS = 30_000;
const MAX_ACK_PENDING = 256;
// A node repeats its request until it sees the consumer: requests still in flight when it began
// reading must not delete it under it. A node retrying after a failed read waits longer than this.
const RECREATE_AFTER_MS = 10_000;

/** The rebuild consumer of `node`: every delivery still in BL_DELIVERY for it, from the first. */
export function nodeRebuildConsumerConfig(node: string): Partial<ConsumerConfig> {
  return {
    durable_name: nodeRebuildConsumer(node),
    ack_policy: AckPolicy.Explicit,
    deliver_policy: DeliverPolicy.All,
    replay_policy: ReplayPolicy.Instant,
    filter_subject: deliveryFilter(node),
    ack_wait: nanos(ACK_WAIT_MS),
    max_ack_pending: MAX_ACK_PENDING,
    inactive_threshold: nanos(INACTIVE_THRESHOLD_MS),
  };
}

/**
 * Makes sure `node` has an unread rebuild consumer: one that was already read from (an earlier,
 * interrupted rebuild) is deleted and created afresh unless it is only seconds old (being read now);
 * an unread one is left alone, so a repeated request (or two hub instances answering it) changes
 * nothing. Resolves with whether it created one.
 */
export async function provideRebuildConsumer(
  manager: JetStreamManager,
  node: string,
  now: Date,
): Promise<boolean> {
  const name = nodeRebuildConsumer(node);
  try {
    const info = await manager.consumers.info(STREAM_DELIVERY, name);
    if (info.delivered.consumer_seq === 0 && info.num_ack_pending === 0) return false;
    if (now.getTime() - Date.parse(info.created) < RECREATE_AFTER_MS) return false;
    await manager.consumers.delete(STREAM_DELIVERY, name);
  } catch (error) {
    if (!(error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound))
      throw error;
  }
  await manager.consumers.add(STREAM_DELIVERY, nodeRebuildConsumerConfig(node));
  return true;
}
