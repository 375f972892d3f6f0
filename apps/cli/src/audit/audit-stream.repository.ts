import { readFile } from 'node:fs/promises';
import { jetstream, jetstreamManager } from '@nats-io/jetstream';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type Authenticator,
  type NatsConnection,
} from '@nats-io/transport-node';
import { UsageError } from '../cli.errors.js';

/** Where the audit stream is and who reads it. */
export interface AuditStreamSource {
  /** NATS server URL(s), comma-separated. */
  nats: string;
  /** An nkey user seed file (`SU…`), for servers with nkey authentication. */
  seed?: string;
  /** A credentials file (JWT and seed), for servers with decentralised authentication. */
  creds?: string;
  /** The stream holding the chain. */
  stream: string;
}

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

const CONNECT_TIMEOUT_MS = 5_000;

async function fileBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new TextEncoder().encode((await readFile(path, 'utf8')).trim());
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${path}`, { cause: error });
  }
}

/** The authenticator of `--seed` or `--creds` (at most one); undefined for an open server. */
export async function authenticatorOf(
  source: Pick<AuditStreamSource, 'seed' | 'creds'>,
): Promise<Authenticator | undefined> {
  if (source.seed !== undefined && source.creds !== undefined) {
    throw new UsageError('give either --seed or --creds, not both');
  }
  if (source.seed !== undefined) return nkeyAuthenticator(await fileBytes(source.seed, 'seed file'));
  if (source.creds !== undefined)
    return credsAuthenticator(await fileBytes(source.creds, 'credentials file'));
  return undefined;
}

/** Reads a stream from its first to its last message, in order, through an ordered consumer. */
export class AuditStreamRepository {
  private constructor(
    private readonly nc: NatsConnection,
    private readonly stream: string,
  ) {}

  /** Connects to the server of `source`; fails fast when it does not answer. */
  static async open(source: AuditStreamSource): Promise<AuditStreamRepository> {
    const authenticator = await authenticatorOf(source);
    const nc = await connect({
      servers: source.nats.split(',').map((url) => url.trim()),
      name: 'borderlink-audit',
      timeout: CONNECT_TIMEOUT_MS,
      maxReconnectAttempts: 0,
      ...(authenticator === undefined ? {} : { authenticator }),
    });
    return new AuditStreamRepository(nc, source.stream);
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

  async close(): Promise<void> {
    await this.nc.close();
  }
}
