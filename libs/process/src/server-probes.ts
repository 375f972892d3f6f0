import { connect } from 'node:net';
import { LOOPBACK } from './free-port.js';

const PROBE_TIMEOUT_MS = 1_000;

/**
 * Whether a NATS server accepts clients on the port: it greets every connection with an INFO line,
 * which also tells whether JetStream is on (the store is recovered before clients are accepted).
 */
export async function natsAnswers(port: number, jetstream: boolean): Promise<boolean> {
  const line = await firstLine(port);
  if (line === undefined || !line.startsWith('INFO ')) return false;
  if (!jetstream) return true;
  const info = JSON.parse(line.slice('INFO '.length)) as { jetstream?: boolean };
  return info.jetstream === true;
}

/**
 * Whether the NATS server whose monitoring endpoint is `monitorUrl` reports itself healthy: with
 * JetStream clustered, a meta leader is known and every stream and consumer it holds is current.
 */
export async function natsHealthy(monitorUrl: string): Promise<boolean> {
  try {
    const response = await fetch(`${monitorUrl}/healthz`, { signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
    return response.ok;
  } catch {
    return false;
  }
}

/**
 * Whether a Redis server answers PING on the port: PONG, or NOAUTH when its ACL disables the
 * `default` user (then only a named user may run anything, PING included).
 */
export async function redisAnswers(port: number): Promise<boolean> {
  const line = await firstLine(port, 'PING\r\n');
  return line === '+PONG' || (line?.startsWith('-NOAUTH ') ?? false);
}

// Connects, optionally sends a command, and resolves with the first line the server sends back,
// or undefined when it refuses, closes or stays silent.
function firstLine(port: number, send?: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect({ host: LOOPBACK, port, timeout: PROBE_TIMEOUT_MS });
    let received = '';
    const finish = (line: string | undefined): void => {
      socket.destroy();
      resolve(line);
    };
    socket.setEncoding('utf8');
    socket.once('connect', () => {
      if (send !== undefined) socket.write(send);
    });
    socket.on('data', (chunk: string) => {
      received += chunk;
      const end = received.indexOf('\r\n');
      if (end >= 0) finish(received.slice(0, end));
    });
    socket.once('timeout', () => finish(undefined));
    socket.once('error', () => finish(undefined));
    socket.once('close', () => finish(undefined));
  });
}
