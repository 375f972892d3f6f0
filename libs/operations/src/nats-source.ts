import { readFile } from 'node:fs/promises';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type Authenticator,
  type NatsConnection,
} from '@nats-io/transport-node';
import { NatsSourceError } from './operations.errors.js';

/**
 * Which NATS server an operator's tool talks to, and as whom (the CLI's `--nats`, `--ca`, `--cert`,
 * `--key`, `--seed`, `--creds`; the console's configuration).
 */
export interface NatsSource {
  /** NATS server URL(s), comma-separated. */
  nats: string;
  /** CA certificate (PEM) the server's certificate is checked against; absent: the system's CAs. */
  ca?: string;
  /** Client certificate and key (PEM), for a server that requires one. */
  cert?: string;
  key?: string;
  /** An nkey user seed file (`SU…`), for servers with nkey authentication. */
  seed?: string;
  /** A credentials file (JWT and seed), for servers with decentralised authentication. */
  creds?: string;
}

const CONNECT_TIMEOUT_MS = 5_000;

async function fileBytes(path: string, what: string): Promise<Uint8Array> {
  try {
    return new TextEncoder().encode((await readFile(path, 'utf8')).trim());
  } catch (error) {
    throw new NatsSourceError(`cannot read the ${what} ${path}`, { cause: error });
  }
}

/** The authenticator of the seed or credentials file (at most one); undefined for an open server. */
export async function authenticatorOf(
  source: Pick<NatsSource, 'seed' | 'creds'>,
): Promise<Authenticator | undefined> {
  if (source.seed !== undefined && source.creds !== undefined) {
    throw new NatsSourceError('give either a seed file or a credentials file, not both');
  }
  if (source.seed !== undefined) return nkeyAuthenticator(await fileBytes(source.seed, 'seed file'));
  if (source.creds !== undefined)
    return credsAuthenticator(await fileBytes(source.creds, 'credentials file'));
  return undefined;
}

/**
 * A connection its owner keeps open and closes (the console's, for its lifetime): an operation borrows
 * it rather than connecting anew.
 */
export interface HeldConnection {
  connection: NatsConnection;
}

/** Where an operation finds NATS: a source it connects to for the call (the CLI), or a held connection. */
export type OperatorNats = NatsSource | HeldConnection;

/** A connection for one operation, and how to let go of it: closed if the operation opened it. */
export interface BorrowedConnection {
  nc: NatsConnection;
  release(): Promise<void>;
}

/** The held connection of `source`, or a new one to `source` as `name`, closed on release. */
export async function borrowConnection(source: OperatorNats, name: string): Promise<BorrowedConnection> {
  if ('connection' in source) return { nc: source.connection, release: async () => undefined };
  const nc = await connectTo(source, name);
  return { nc, release: () => nc.close() };
}

/**
 * Connects once to the server of `source` as the connection `name`, over TLS (a server that does
 * not offer it is refused) and without reconnecting: a command either reaches the server within a
 * few seconds or fails.
 */
export async function connectTo(source: NatsSource, name: string): Promise<NatsConnection> {
  const authenticator = await authenticatorOf(source);
  return connect({
    servers: source.nats.split(',').map((url) => url.trim()),
    name,
    timeout: CONNECT_TIMEOUT_MS,
    maxReconnectAttempts: 0,
    tls: {
      ...(source.ca === undefined ? {} : { caFile: source.ca }),
      ...(source.cert === undefined ? {} : { certFile: source.cert }),
      ...(source.key === undefined ? {} : { keyFile: source.key }),
    },
    ...(authenticator === undefined ? {} : { authenticator }),
  });
}
