// A webhook endpoint on 127.0.0.1 for the tests: keeps every request it is sent, answers 503 to as
// many as it is told to fail, and lets a test wait for the n-th request.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitFor } from '#testing';

/** One request the endpoint received, and what it answered. */
export interface Received {
  headers: IncomingHttpHeaders;
  body: string;
  status: number;
}

export interface WebhookReceiver {
  url: string;
  received: Received[];
  /** Answers the next `count` requests 503. */
  failNext(count: number): void;
  /** Resolves once `count` requests have arrived. */
  waitForRequests(count: number, what: string): Promise<Received[]>;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  let failures = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const status = failures > 0 ? 503 : 204;
      if (failures > 0) failures--;
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      response.writeHead(status).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    received,
    failNext: (count) => (failures = count),
    waitForRequests: (count, what) =>
      waitFor(() => received.length >= count && received.slice(0, count), { what, timeoutMs: 20_000 }),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
