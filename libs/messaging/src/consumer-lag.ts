import type { ConsumerInfo, JetStreamManager } from '@nats-io/jetstream';

/** A durable consumer's backlog, from its info: what the server has not delivered, or not had acked. */
export interface ConsumerLag {
  consumer: string;
  /** Messages matching its filter not delivered yet (`num_pending`). */
  pending: number;
  /** Delivered, awaiting an ack (`num_ack_pending`). */
  ackPending: number;
  /** Delivered more than once and not acked yet (`num_redelivered`). */
  redelivered: number;
}

/** The lag figures of one consumer's info. */
export function consumerLagOf(info: ConsumerInfo): ConsumerLag {
  return {
    consumer: info.name,
    pending: info.num_pending,
    ackPending: info.num_ack_pending,
    redelivered: info.num_redelivered,
  };
}

/** The lag of one consumer of `stream`, with one consumer info request. */
export async function consumerLag(
  manager: JetStreamManager,
  stream: string,
  durable: string,
): Promise<ConsumerLag> {
  return consumerLagOf(await manager.consumers.info(stream, durable));
}

/**
 * The lag of those of `stream`'s consumers `wanted` names, from one consumer listing (paged by the
 * server, 256 consumers a request) rather than a request per consumer. A name the stream lacks is
 * left out.
 */
export async function listConsumerLag(
  manager: JetStreamManager,
  stream: string,
  wanted: ReadonlySet<string>,
): Promise<ConsumerLag[]> {
  const lags: ConsumerLag[] = [];
  for await (const info of manager.consumers.list(stream)) {
    if (wanted.has(info.name)) lags.push(consumerLagOf(info));
  }
  return lags;
}
