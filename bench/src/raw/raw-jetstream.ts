import {
  AckPolicy,
  jetstream,
  jetstreamManager,
  StorageType,
  type JetStreamClient,
  type JsMsg,
} from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectBench, type BenchNats } from '../measure/private-servers.js';
import { paceAtRate, runWindowed } from '../measure/rate-pacer.js';
import { perSecond, summariseLatencies, type LatencySummary } from '../measure/stats.js';
import type { SignedBodies } from './signed-bodies.js';

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

  /**
   * Publishes `count` messages while a consumer takes them at the same time: messages/s end to end.
   * With `signed`, each message is signed by each of its signers as it is published, and every
   * signature is verified before it is acked.
   */
  async publishAndConsume(tag: string, count: number, signed?: SignedBodies): Promise<number> {
    const { stream, subject } = await this.provision(tag, signed);
    const body = new Uint8Array(MESSAGE_BYTES);
    const started = performance.now();
    const consumed = this.consume(stream, count, signed);
    await runWindowed(count, RAW_PUBLISH_IN_FLIGHT, (serial) =>
      this.js.publish(subject, body, { msgID: `${tag}-${serial}`, headers: signed?.sign(body) }),
    );
    await consumed;
    return perSecond(count, performance.now() - started);
  }

  /**
   * Stores `count` messages first, then times a consumer draining them: messages/s. With `signed`,
   * each is stored with its signers' signatures, which the consumer verifies before it acks.
   */
  async drainBacklog(tag: string, count: number, signed?: SignedBodies): Promise<number> {
    const { stream, subject } = await this.provision(tag, signed);
    const body = new Uint8Array(MESSAGE_BYTES);
    await runWindowed(count, RAW_PUBLISH_IN_FLIGHT, (serial) =>
      this.js.publish(subject, body, { msgID: `${tag}-${serial}`, headers: signed?.sign(body) }),
    );
    const started = performance.now();
    await this.consume(stream, count, signed);
    return perSecond(count, performance.now() - started);
  }

  /**
   * One hop at an offered rate: each message carries its publish time; the consumer, in this process,
   * records now minus that time when it receives it (before acking).
   */
  async latencyAtRate(tag: string, ratePerSecond: number, count: number): Promise<LatencySummary> {
    const { stream, subject } = await this.provision(tag);
    const samples: number[] = [];
    const consumed = this.consume(stream, count, undefined, ({ data }) => {
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

  // A stream per scenario and kind of signing, so that no run reads another's messages.
  private async provision(tag: string, signed?: SignedBodies): Promise<{ stream: string; subject: string }> {
    const name = `${tag}${signed?.tag ?? ''}`;
    const stream = `RAW_${name.toUpperCase()}`;
    const subject = `raw.${name}`;
    const jsm = await jetstreamManager(this.nc);
    await jsm.streams.add({ name: stream, subjects: [subject], storage: StorageType.File });
    await jsm.consumers.add(stream, {
      durable_name: 'raw',
      ack_policy: AckPolicy.Explicit,
      max_ack_pending: ACK_PENDING,
    });
    return { stream, subject };
  }

  // Acks each message as it comes, or once its signatures verified when `signed`: then up to a pull
  // batch of them are verified at once, as a node verifies the batch it pulled.
  private async consume(
    stream: string,
    count: number,
    signed?: SignedBodies,
    onMessage: (message: JsMsg) => void = () => undefined,
  ): Promise<void> {
    const consumer = await this.js.consumers.get(stream, 'raw');
    const messages = await consumer.consume({ max_messages: RAW_PULL_BATCH });
    const verifying = new Set<Promise<void>>();
    let received = 0;
    for await (const message of messages) {
      onMessage(message);
      if (signed === undefined) message.ack();
      else {
        const verified: Promise<void> = signed.verify(message.headers, message.data).then(() => {
          message.ack();
          verifying.delete(verified);
        });
        verifying.add(verified);
        if (verifying.size >= RAW_PULL_BATCH) await Promise.race(verifying);
      }
      if (++received >= count) break;
    }
    await Promise.all(verifying);
    await messages.close();
  }
}
