import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { backoffDelay } from './backoff.js';
import { BorderlinkClient, type InboxStreamEvent } from './borderlink-client.js';
import { BorderlinkRefusalError, BorderlinkUnreachableError } from './client.errors.js';
import type { SubscriptionStreamEvent } from './borderlink-client.js';

type Handler = (request: IncomingMessage, response: ServerResponse) => void;

/** A real HTTP server on loopback answering with `handler`; each request's headers are kept. */
async function serve(
  handler: Handler,
): Promise<{ url: string; server: Server; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    handler(request, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests };
}

const stopped = (server: Server) =>
  new Promise<void>((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  });

const item = (id: string) => ({
  id,
  kind: 'alert',
  sender: 'kz-border',
  region: 'afghan-border',
  category: 'salw',
});

function sse(response: ServerResponse, events: { id?: string; event?: string; data: unknown }[]): void {
  if (!response.headersSent) response.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const event of events) {
    const lines = [
      ...(event.id === undefined ? [] : [`id: ${event.id}`]),
      ...(event.event === undefined ? [] : [`event: ${event.event}`]),
      `data: ${JSON.stringify(event.data)}`,
    ];
    response.write(`${lines.join('\n')}\n\n`);
  }
}

async function take<E>(iterable: AsyncIterable<E>, count: number): Promise<E[]> {
  const events: E[] = [];
  if (count === 0) return events;
  for await (const event of iterable) {
    events.push(event);
    if (events.length === count) break;
  }
  return events;
}

describe('backoffDelay', () => {
  it('doubles its ceiling with each attempt up to the maximum, never below half of it', () => {
    const options = { initialMs: 100, maxMs: 1_000 };
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, options, () => 1))).toEqual([
      100, 200, 400, 800, 1_000, 1_000,
    ]);
    expect([0, 1, 2, 3, 4, 10].map((attempt) => backoffDelay(attempt, options, () => 0))).toEqual([
      50, 100, 200, 400, 500, 500,
    ]);
  });
});

describe('BorderlinkClient against a real HTTP server', () => {
  let server: Server | undefined;
  afterEach(async () => {
    if (server !== undefined) await stopped(server);
    server = undefined;
  });

  it("throws the node's refusal typed, with its violations, and sends the API key as a bearer", async () => {
    const node = await serve((_request, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      response.end(
        JSON.stringify({ error: 'invalid', violations: [{ field: 'texts', reason: 'is required' }] }),
      );
    });
    server = node.server;
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: 'blk_a_b' } });

    const error = await client.sendAlert({}).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BorderlinkRefusalError);
    expect(error).toMatchObject({
      name: 'BorderlinkRefusalError',
      status: 400,
      error: 'invalid',
      violations: [{ field: 'texts', reason: 'is required' }],
      message: 'POST /v1/alerts was refused (400 invalid): texts is required',
    });
    expect(node.requests[0]?.headers.authorization).toBe('Bearer blk_a_b');
  });

  it('asks the token provider before each request', async () => {
    const node = await serve((_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ items: [] }));
    });
    server = node.server;
    let issued = 0;
    const client = new BorderlinkClient({
      url: node.url,
      credentials: { token: async () => `t${++issued}` },
    });
    await client.inbox();
    await client.inbox();
    expect(node.requests.map((request) => request.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('throws BorderlinkUnreachableError naming the request and the URL when nothing listens', async () => {
    const node = await serve(() => undefined);
    await stopped(node.server);
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: 'k' } });
    const error = await client.inbox().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BorderlinkUnreachableError);
    expect((error as Error).message).toContain(`GET /v1/inbox could not reach ${node.url}`);
  });

  it("resumes a service subscription's stream after a cut with Last-Event-ID, missing and repeating nothing", async () => {
    const node = await serve((request, response) => {
      const last = request.headers['last-event-id'];
      if (last === undefined) {
        sse(response, [
          { id: '1', data: item('m1') },
          { id: '2', data: item('m2') },
        ]);
        // Cut, as a restarting node or a proxy would.
        response.end();
      } else {
        const after = Number(last);
        sse(response, [{ id: String(after + 1), data: item(`m${after + 1}`) }]);
      }
    });
    server = node.server;
    const reconnects: number[] = [];
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: 'k' } });
    const stream = client.streamServiceSubscription('s1', {
      backoff: { initialMs: 20, maxMs: 40 },
      onReconnect: ({ delayMs }) => reconnects.push(delayMs),
    });

    const events = await take<SubscriptionStreamEvent>(stream, 3);
    expect(events.map((event) => [event.id, event.item.id])).toEqual([
      ['1', 'm1'],
      ['2', 'm2'],
      ['3', 'm3'],
    ]);
    expect(node.requests.map((request) => request.headers['last-event-id'])).toEqual([undefined, '2']);
    expect(node.requests[0]?.url).toBe('/v1/service-subscriptions/s1/stream');
    expect(reconnects).toHaveLength(1);
    expect(reconnects[0]).toBeGreaterThanOrEqual(10);
    expect(reconnects[0]).toBeLessThanOrEqual(20);
  });

  it('starts from a stored last event id', async () => {
    const node = await serve((request, response) => sse(response, [{ id: '8', data: item('m8') }]));
    server = node.server;
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: 'k' } });
    await take(client.streamServiceSubscription('s1', { lastEventId: '7' }), 1);
    expect(node.requests[0]?.headers['last-event-id']).toBe('7');
  });

  it('waits longer after each failed connection, then resets once connected', async () => {
    let connections = 0;
    const node = await serve((_request, response) => {
      connections++;
      if (connections <= 3) {
        response.writeHead(503, { 'content-type': 'application/json' });
        response.end(JSON.stringify({ error: 'unavailable', reason: 'starting' }));
        return;
      }
      sse(response, [{ id: '1', data: item('m1') }]);
    });
    server = node.server;
    const attempts: { attempt: number; status?: number }[] = [];
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: 'k' } });
    const stream = client.streamServiceSubscription('s1', {
      backoff: { initialMs: 10, maxMs: 1_000 },
      onReconnect: ({ attempt, error }) =>
        attempts.push({ attempt, status: (error as BorderlinkRefusalError).status }),
    });
    await take(stream, 1);
    expect(attempts).toEqual([
      { attempt: 0, status: 503 },
      { attempt: 1, status: 503 },
      { attempt: 2, status: 503 },
    ]);
  });

  it("ends the stream with the node's refusal when it will not change on another try", async () => {
    const node = await serve((_request, response) => {
      response.writeHead(403, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ error: 'forbidden', reason: 'this needs the role reader' }));
    });
    server = node.server;
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: 'k' } });
    const error = await take(client.streamInbox(), 1).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BorderlinkRefusalError);
    expect(error).toMatchObject({ status: 403, error: 'forbidden', reason: 'this needs the role reader' });
    expect(node.requests).toHaveLength(1);
  });

  it('catches the inbox stream up from the inbox list on resume, then goes on live without repeats', async () => {
    const node = await serve((request, response) => {
      if (request.url?.startsWith('/v1/inbox/stream')) {
        // Live from now on: m3 came in while the client was away, m4 arrives after it is back.
        sse(response, [
          { id: 'm3', data: item('m3') },
          { id: 'm4', data: item('m4') },
        ]);
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ items: [item('m3'), item('m2'), item('m1')] }));
    });
    server = node.server;
    const client = new BorderlinkClient({ url: node.url, credentials: { apiKey: 'k' } });
    const events = await take<InboxStreamEvent>(client.streamInbox({ lastEventId: 'm1' }), 3);
    expect(events.map((event) => (event.type === 'message' ? event.id : event.type))).toEqual([
      'm2',
      'm3',
      'm4',
    ]);
  });
});
