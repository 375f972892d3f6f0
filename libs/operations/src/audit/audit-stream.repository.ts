import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import type { NatsConnection } from '@nats-io/transport-node';
import { borrowConnection, type OperatorNats } from '../nats-source.js';

/** Where the audit stream is and who reads it. */
export type AuditStreamSource = OperatorNats & {
  /** The stream holding the chain. */
  stream: string;
};

/** The stream as the read starts: how far it goes and how long it keeps messages. */
export interface AuditStreamSnapshot {
  /** Messages stored. */
  messages: number;
  /** Its last sequence: purged or deleted messages still count. */
  lastSequence: number;
  /** Its max age in ms; 0 for none. */
  maxAgeMs: number;
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
    private readonly release: () => Promise<void>,
  ) {}

  /** Connects to the server of `source`; fails fast when it does not answer. */
  static async open(source: AuditStreamSource): Promise<AuditStreamRepository> {
    const { nc, release } = await borrowConnection(source, 'borderlink-audit');
    return new AuditStreamRepository(nc, source.stream, release);
  }

  /** The stream's state now: what a read started now covers. */
  async snapshot(): Promise<AuditStreamSnapshot> {
    const manager = await jetstreamManager(this.nc);
    const { state, config } = await manager.streams.info(this.stream);
    return { messages: state.messages, lastSequence: state.last_seq, maxAgeMs: config.max_age / 1_000_000 };
  }

  /** Every message stored up to `snapshot`, oldest first; later appends are left for the next read. */
  async *messages(snapshot: AuditStreamSnapshot): AsyncGenerator<StoredAuditMessage> {
    if (snapshot.messages === 0) return;
    const consumer = await jetstream(this.nc).consumers.get(this.stream);
    const messages = await consumer.consume();
    try {
      let read = 0;
      for await (const message of messages) {
        yield { streamSequence: message.seq, data: message.data };
        read++;
        if (message.seq >= snapshot.lastSequence || read >= snapshot.messages) break;
      }
    } finally {
      // The ordered consumer is ephemeral: the server removes it once nobody pulls.
      messages.stop();
    }
  }

  /** Closes the connection if this repository opened it; a held one stays open. */
  async close(): Promise<void> {
    await this.release();
  }
}
