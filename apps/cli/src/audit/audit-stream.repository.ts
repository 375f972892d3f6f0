import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { connectTo, type NatsSource } from '../nats-source.js';

/** Where the audit stream is and who reads it. */
export interface AuditStreamSource extends NatsSource {
  /** The stream holding the chain. */
  stream: string;
}

/** One stored message of the stream. */
export interface StoredAuditMessage {
  streamSequence: number;
  data: Uint8Array;
}

/** Reads a stream from its first to its last message, in order, through an ordered consumer. */
export class AuditStreamRepository {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly stream: string,
  ) {}

  /** Connects to the server of `source`; fails fast when it does not answer. */
  static async open(source: AuditStreamSource): Promise<AuditStreamRepository> {
    return new AuditStreamRepository(await connectTo(source, 'borderlink-audit'), source.stream);
  }

  /** Every message stored when the read starts, oldest first; later appends are left for the next read. */
  async *messages(): AsyncGenerator<StoredAuditMessage> {
    const manager = await jetstreamManager(this.nc);
    const { state } = await manager.streams.info(this.stream);
    if (state.messages === 0) return;
    const consumer = await jetstream(this.nc).consumers.get(this.stream);
    const messages = await consumer.consume();
    try {
      let read = 0;
      for await (const message of messages) {
        yield { streamSequence: message.seq, data: message.data };
        read++;
        if (message.seq >= state.last_seq || read >= state.messages) break;
      }
    } finally {
      // The ordered consumer is ephemeral: the server removes it once nobody pulls.
      messages.stop();
    }
  }

  async close(): Promise<void> {
    await this.nc.close();
  }
}
