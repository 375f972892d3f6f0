import { setTimeout as pause } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { JetStreamApiCodes, JetStreamApiError, type Consumer, type JsMsg } from '@nats-io/jetstream';
import { STREAM_DELIVERY, nodeRebuildConsumer, rebuildRequestSubject } from '#contracts';
import { NatsConnectionService } from '#messaging';
import { RebuildConsumerUnavailableError } from './rebuild.errors.js';

// The hub answers within a round trip or two; asking this often for this long covers a busy hub.
const ASK_INTERVAL_MS = 500;
const ASK_ATTEMPTS = 40;
// Bounded batches: reading a month of deliveries never holds more than this in memory.
const BATCH = 64;
const FETCH_EXPIRES_MS = 2_000;

/**
 * This node's side of the rebuild consumer: asks the hub for it (a node may not create consumers)
 * and reads it from the first delivery to the last, in bounded batches.
 */
@Injectable()
export class RebuildConsumerRepository {
  constructor(private readonly nats: NatsConnectionService) {}

  /** True while the node holds a live connection to NATS (no rebuild without one). */
  isConnected(): boolean {
    return this.nats.isConnected();
  }

  /**
   * Asks the hub, until it is there, for an unread rebuild consumer.
   * @throws RebuildConsumerUnavailableError when none came in time.
   */
  async open(node: string): Promise<Consumer> {
    for (let attempt = 0; attempt < ASK_ATTEMPTS; attempt++) {
      const consumer = await this.unread(node);
      if (consumer !== undefined) return consumer;
      this.nats.connection.publish(rebuildRequestSubject(node));
      await pause(ASK_INTERVAL_MS);
    }
    throw new RebuildConsumerUnavailableError(node);
  }

  /**
   * Hands each message of `consumer` to `handle` in stream order, one at a time, until none is left;
   * `handle` acks or terms it. A throw stops the read (the caller starts over later).
   */
  async readAll(consumer: Consumer, handle: (msg: JsMsg) => Promise<void>): Promise<number> {
    let read = 0;
    for (;;) {
      let fetched = 0;
      let drained = false;
      const batch = await consumer.fetch({ max_messages: BATCH, expires: FETCH_EXPIRES_MS });
      for await (const msg of batch) {
        fetched++;
        await handle(msg);
        drained = msg.info.pending === 0;
      }
      read += fetched;
      if (fetched === 0 || drained) return read;
    }
  }

  // The consumer if it exists and nothing was read from it yet: a half-read one from an earlier,
  // interrupted rebuild would skip what it already handed out, so the hub must make it afresh.
  private async unread(node: string): Promise<Consumer | undefined> {
    try {
      const consumer = await this.nats.jetstream().consumers.get(STREAM_DELIVERY, nodeRebuildConsumer(node));
      const info = await consumer.info(true);
      return info.delivered.consumer_seq === 0 && info.num_ack_pending === 0 ? consumer : undefined;
    } catch (error) {
      if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.ConsumerNotFound)
        return undefined;
      throw error;
    }
  }
}
