import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamClient,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectBench, type BenchNats } from '../measure/private-servers.js';
import { paceAtRate, runWindowed } from '../measure/rate-pacer.js';
import { perSecond, summariseLatencies, type LatencySummary } from '../measure/stats.js';

/** The reference settings for raw JetStream: 256 publish acks in flight, pull batches of 500. */
export const RAW_PUBLISH_IN_FLIGHT = 256;
export const RAW_PULL_BATCH = 500;
/** Every benchmark message body is 1 KiB. */
export const MESSAGE_BYTES = 1024;

const ACK_PENDING = 10_000;

/**
 * Raw `@nats-io/jetstream` on one server, the baseline every scenario compares with: a file-storage
 * stream of its own (`RAW_<tag>`), message ids on publish, a durable pull consumer with explicit acks.
 */
export class RawJetStream {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly js: JetStreamClient,
  ) {}

  static async connect(nats: BenchNats): Promise<RawJetStream> {
    const nc = await connectBench(nats, 'bench-raw');
    return new RawJetStream(nc, jetstream(nc));
  }

  async close(): Promise<void> {
    await this.nc.drain();
  }

  /** Publishes `count` messages while a consumer takes them at the same time: messages/s end to end. */
  async publishAndConsume(tag: string, count: number): Promise<number> {
    const { stream, subject } = await this.provision(tag);
    const body = new Uint8Array(MESSAGE_BYTES);
    const started = performance.now();
    const consumed = this.consume(stream, count, () => undefined);
    await runWindowed(count, RAW_PUBLISH_IN_FLIGHT, (serial) =>
      this.js.publish(subject, body, { msgID: `${tag}-${serial}` }),
    );
    await consumed;
    return perSecond(count, performance.now() - started);
  }

  /** Stores `count` messages first, then times a consumer draining them: messages/s. */
  async drainBacklog(tag: string, count: number): Promise<number> {
    const { stream, subject } = await this.provision(tag);
    const body = new Uint8Array(MESSAGE_BYTES);
    await runWindowed(count, RAW_PUBLISH_IN_FLIGHT, (serial) =>
      this.js.publish(subject, body, { msgID: `${tag}-${serial}` }),
    );
    const started = performance.now();
    await this.consume(stream, count, () => undefined);
    return perSecond(count, performance.now() - started);
  }

  /**
   * One hop at an offered rate: each message carries its publish time; the consumer, in this process,
   * records now minus that time when it receives it (before acking).
   */
  async latencyAtRate(tag: string, ratePerSecond: number, count: number): Promise<LatencySummary> {
    const { stream, subject } = await this.provision(tag);
    const samples: number[] = [];
    const consumed = this.consume(stream, count, (data) => {
      const sent = new DataView(data.buffer, data.byteOffset, 8).getFloat64(0);
      samples.push(performance.timeOrigin + performance.now() - sent);
    });
    const publishes: Promise<unknown>[] = [];
    await paceAtRate(ratePerSecond, count, (serial) => {
      const body = new Uint8Array(MESSAGE_BYTES);
      new DataView(body.buffer).setFloat64(0, performance.timeOrigin + performance.now());
      publishes.push(this.js.publish(subject, body, { msgID: `${tag}-${serial}` }));
    });
    await Promise.all(publishes);
    await consumed;
    return summariseLatencies(samples);
  }

  private async provision(tag: string): Promise<{ stream: string; subject: string }> {
    const stream = `RAW_${tag.toUpperCase()}`;
    const subject = `raw.${tag}`;
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.add({ name: stream, subjects: [subject], storage: StorageType.File });
    await jsm.consumers.add(stream, {
      durable_name: 'raw',
      ack_policy: AckPolicy.Explicit,
      max_ack_pending: ACK_PENDING,
    });
    return { stream, subject };
  }

  private async consume(stream: string, count: number, onMessage: (data: Uint8Array) => void): Promise<void> {
    const consumer = await this.js.consumers.get(stream, 'raw');
    const messages = await consumer.consume({ max_messages: RAW_PULL_BATCH });
    let received = 0;
    for await (const message of messages) {
      onMessage(message.data);
      message.ack();
      if (++received >= count) break;
    }
    await messages.close();
  }
}
