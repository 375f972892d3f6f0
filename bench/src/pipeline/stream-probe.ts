import { jetstreamManager, type JetStreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import {
  CONSUMER_HUB_INGRESS,
  DELIVERY_WILDCARD,
  deliveryFilter,
  parseDeliverySubject,
  STREAM_DELIVERY,
  STREAM_INGRESS,
  type ConsumerAddress,
  type MessageKind,
} from '#contracts';
import { connectBench, type BenchNats } from '../measure/private-servers.js';

/** A consumer as `drained` takes it. */
export type ConsumerName = Pick<ConsumerAddress, 'stream' | 'durable'>;

/** The hub's shared consumer of the ingress stream: drained once the hub has decided every message. */
export const HUB_INGRESS: ConsumerName = { stream: STREAM_INGRESS, durable: CONSUMER_HUB_INGRESS };

/**
 * The pipeline's JetStream state read from outside, through the server's API: how far a stream has
 * got, what it holds for some nodes, and whether consumers have anything left to deliver or to hear
 * an ack for. Tells when the hub has routed everything and when the work deliveries cause is done.
 */
export class StreamProbe {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly jsm: JetStreamManager,
  ) {}

  static async connect(nats: BenchNats): Promise<StreamProbe> {
    const nc = await connectBench(nats, 'bench-stream-probe');
    return new StreamProbe(nc, await jetstreamManager(nc));
  }

  /** The sequence of the last message `stream` stored: it only grows, even where acks remove messages. */
  async lastSequence(stream: string): Promise<number> {
    return (await this.jsm.streams.info(stream)).state.last_seq;
  }

  /** Bytes `stream` holds (messages and their headers, as stored). */
  async bytes(stream: string): Promise<number> {
    return (await this.jsm.streams.info(stream)).state.bytes;
  }

  /** Copies the delivery stream holds for `nodes`: what the hub has routed to them. */
  async copiesFor(nodes: readonly string[]): Promise<number> {
    let copies = 0;
    for (const node of nodes) {
      const info = await this.jsm.streams.info(STREAM_DELIVERY, { subjects_filter: deliveryFilter(node) });
      copies += Object.values(info.state.subjects ?? {}).reduce((sum, n) => sum + n, 0);
    }
    return copies;
  }

  /** Copies of `kind` the delivery stream holds, by recipient node. */
  async copiesOfKind(kind: MessageKind): Promise<Map<string, number>> {
    const info = await this.jsm.streams.info(STREAM_DELIVERY, { subjects_filter: DELIVERY_WILDCARD });
    const copies = new Map<string, number>();
    for (const [subject, count] of Object.entries(info.state.subjects ?? {})) {
      const address = parseDeliverySubject(subject);
      if (address?.kind === kind) copies.set(address.node, (copies.get(address.node) ?? 0) + count);
    }
    return copies;
  }

  /** Whether every consumer has delivered all it selects and heard an ack for each. */
  async drained(consumers: readonly ConsumerName[]): Promise<boolean> {
    for (const { stream, durable } of consumers) {
      const info = await this.jsm.consumers.info(stream, durable);
      if (info.num_pending > 0 || info.num_ack_pending > 0) return false;
    }
    return true;
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }
}
