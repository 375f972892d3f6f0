import { readFile } from 'node:fs/promises';
import {
  connect,
  credsAuthenticator,
  nkeyAuthenticator,
  type Authenticator,
  type NatsConnection,
} from '@nats-io/transport-node';
import { UsageError } from './cli.errors.js';

/**
 * Which NATS server a command talks to, and as whom: the options `--nats`, `--ca`, `--cert`,
 * `--key`, `--seed`, `--creds`.
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
    throw new UsageError(`cannot read the ${what} ${path}`, { cause: error });
  }
}

/** The authenticator of `--seed` or `--creds` (at most one); undefined for an open server. */
export async function authenticatorOf(
  source: Pick<NatsSource, 'seed' | 'creds'>,
): Promise<Authenticator | undefined> {
  if (source.seed !== undefined && source.creds !== undefined) {
    throw new UsageError('give either --seed or --creds, not both');
  }
  if (source.seed !== undefined) return nkeyAuthenticator(await fileBytes(source.seed, 'seed file'));
  if (source.creds !== undefined)
    return credsAuthenticator(await fileBytes(source.creds, 'credentials file'));
  return undefined;
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
