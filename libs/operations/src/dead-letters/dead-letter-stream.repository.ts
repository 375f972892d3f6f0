import {
  DeliverPolicy,
  JetStreamApiCodes,
  JetStreamApiError,
  jetstream,
  jetstreamManager,
  type JetStreamManager,
} from '@nats-io/jetstream';
import { MsgHdrsImpl, type MsgHdrs, type NatsConnection } from '@nats-io/transport-node';
import { borrowConnection, type OperatorNats } from '../nats-source.js';
import { NatsSourceError } from '../operations.errors.js';
import type { ConsumerState, DeadLetterEvidence, SourceMessage } from './dead-letter-check.js';
import { toDeadLetterRecord, type DeadLetterRecord } from './dead-letter-record.js';
import { DeadLetterError } from './dead-letters.errors.js';

/** Where the dead-letter stream is and who reads it (the operator: full access). */
export type DeadLetterSource = OperatorNats & {
  /** The dead-letter stream; BL_DLQ. */
  stream: string;
};

/** A message to publish again, with the stream it must land in. */
export interface Republication {
  subject: string;
  headers: Record<string, string[]>;
  body: Uint8Array;
  msgId: string;
  /** The server refuses the publish unless this stream stores it. */
  expectedStream: string;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

// What the server answers when a consumer, a stream or a stream's message is not there.
const ABSENT: ReadonlySet<number> = new Set([
  JetStreamApiCodes.ConsumerNotFound,
  JetStreamApiCodes.StreamNotFound,
  JetStreamApiCodes.NoMessageFound,
]);

async function unlessAbsent<T>(read: () => Promise<T | null>): Promise<T | undefined> {
  try {
    return (await read()) ?? undefined;
  } catch (error) {
    if (error instanceof JetStreamApiError && ABSENT.has(error.code)) return undefined;
    throw error;
  }
}

function headerLines(headers: MsgHdrs | undefined): Record<string, string[]> {
  const lines: Record<string, string[]> = {};
  for (const [name, values] of headers ?? []) lines[name] = [...values];
  return lines;
}

/**
 * Reads, removes and republishes dead-letter records over one operator connection, and reads the
 * server's evidence about them: the consumers and the messages of the source streams.
 */
export class DeadLetterStreamRepository implements DeadLetterEvidence {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly manager: JetStreamManager,
    readonly stream: string,
    private readonly release: () => Promise<void>,
  ) {}

  /** Connects to the server of `source`; fails fast when it does not answer. */
  static async open(source: DeadLetterSource): Promise<DeadLetterStreamRepository> {
    let nc: NatsConnection;
    let release: () => Promise<void>;
    try {
      ({ nc, release } = await borrowConnection(source, 'borderlink-dlq'));
    } catch (error) {
      if (error instanceof NatsSourceError || 'connection' in source) throw error;
      throw new DeadLetterError(`cannot connect to NATS at ${source.nats}: ${messageOf(error)}`, {
        cause: error,
      });
    }
    try {
      const manager = await jetstreamManager(nc);
      await manager.streams.info(source.stream).catch((error: unknown) => {
        if (error instanceof JetStreamApiError && error.code === JetStreamApiCodes.StreamNotFound) {
          throw new DeadLetterError(
            `no stream ${source.stream} on this server (the hub creates it at start)`,
            {
              cause: error,
            },
          );
        }
        throw error;
      });
      return new DeadLetterStreamRepository(nc, manager, source.stream, release);
    } catch (error) {
      await release();
      throw error;
    }
  }

  /** Every record stored when the read starts, oldest first. */
  async list(): Promise<DeadLetterRecord[]> {
    const { state } = await this.manager.streams.info(this.stream);
    if (state.messages === 0) return [];
    const consumer = await jetstream(this.nc).consumers.get(this.stream);
    const messages = await consumer.consume();
    const records: DeadLetterRecord[] = [];
    try {
      for await (const message of messages) {
        records.push(
          toDeadLetterRecord({
            seq: message.seq,
            time: message.time,
            subject: message.subject,
            headers: message.headers,
            data: message.data,
          }),
        );
        if (message.seq >= state.last_seq || records.length >= state.messages) break;
      }
    } finally {
      // The ordered consumer is ephemeral: the server removes it once nobody pulls.
      messages.stop();
    }
    return records;
  }

  /** The record at `seq`; undefined when there is none (never written, replayed or dropped). */
  async get(seq: number): Promise<DeadLetterRecord | undefined> {
    const stored = await this.manager.streams.getMessage(this.stream, { seq });
    if (stored === null) return undefined;
    return toDeadLetterRecord({
      seq: stored.seq,
      time: stored.time,
      subject: stored.subject,
      headers: stored.header,
      data: stored.data,
    });
  }

  async consumer(stream: string, name: string): Promise<ConsumerState | undefined> {
    const info = await unlessAbsent(() => this.manager.consumers.info(stream, name));
    if (info === undefined) return undefined;
    const { filter_subject: filter, filter_subjects: filters, deliver_policy, opt_start_seq } = info.config;
    return {
      filters: filter ? [filter] : (filters ?? []),
      delivered: info.delivered.stream_seq,
      ...(deliver_policy === DeliverPolicy.StartSequence && opt_start_seq !== undefined
        ? { startSequence: opt_start_seq }
        : {}),
    };
  }

  async message(stream: string, sequence: number): Promise<SourceMessage | undefined> {
    const stored = await unlessAbsent(() => this.manager.streams.getMessage(stream, { seq: sequence }));
    if (stored === undefined) return undefined;
    return { subject: stored.subject, headers: headerLines(stored.header), body: stored.data };
  }

  /** Deletes the record at `seq`; false when it was already gone. */
  async remove(seq: number): Promise<boolean> {
    return this.manager.streams.deleteMessage(this.stream, seq, false).catch(async (error: unknown) => {
      if ((await this.get(seq)) === undefined) return false;
      throw error;
    });
  }

  /** Publishes and waits for the ack; `duplicate` when a message with this id was already stored. */
  async republish(message: Republication): Promise<{ seq: number; duplicate: boolean }> {
    const headers = MsgHdrsImpl.fromRecord(message.headers);
    const ack = await jetstream(this.nc).publish(message.subject, message.body, {
      headers,
      msgID: message.msgId,
      expect: { streamName: message.expectedStream },
    });
    return { seq: ack.seq, duplicate: ack.duplicate };
  }

  /** Closes the connection if this repository opened it; a held one stays open. */
  async close(): Promise<void> {
    await this.release();
  }
}
