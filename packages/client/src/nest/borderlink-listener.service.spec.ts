import 'reflect-metadata';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Module, type INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { InboxItem } from '../node-api.types.js';
import { BorderlinkClientModule } from './borderlink-client.module.js';
import { MemoryCursorStore } from './cursor.store.js';
import { OnBorderlinkMessage } from './on-borderlink-message.decorator.js';

const item = (id: string, category: string) => ({
  id,
  kind: 'alert',
  region: 'afghan-border',
  category,
  message: {},
});
// The subscription's log as the node would keep it: position → item.
const LOG = [item('m1', 'explosives'), item('m2', 'salw'), item('m3', 'explosives')];

/** A node with one service subscription's routes, keeping what it was asked. */
async function fakeNode(): Promise<{
  url: string;
  server: Server;
  requests: IncomingMessage[];
  bodies: string[];
}> {
  const requests: IncomingMessage[] = [];
  const bodies: string[] = [];
  const server = createServer((request, response) => {
    requests.push(request);
    let body = '';
    request.on('data', (chunk) => (body += String(chunk)));
    request.on('end', () => {
      bodies.push(body);
      if (request.url === '/v1/service-subscriptions/s1/stream') {
        const after = Number(request.headers['last-event-id'] ?? 0);
        response.writeHead(200, { 'content-type': 'text/event-stream' });
        LOG.forEach((entry, index) => {
          if (index + 1 > after) response.write(`id: ${index + 1}\ndata: ${JSON.stringify(entry)}\n\n`);
        });
        return;
      }
      response.writeHead(request.method === 'POST' ? 201 : 200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ id: 's1' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, requests, bodies };
}

const calls: string[] = [];
let seen: (id: string) => void = () => undefined;

@Injectable()
class Handlers {
  @OnBorderlinkMessage({ categories: ['explosives'], minSeverity: 'SEVERITY_SEVERE' })
  async explosives(message: InboxItem): Promise<void> {
    calls.push(`explosives ${message.id} start`);
    // Yields to the event loop: the next event must still wait for this handler.
    await new Promise((resolve) => setImmediate(resolve));
    calls.push(`explosives ${message.id} end`);
  }

  @OnBorderlinkMessage()
  any(message: InboxItem, event: { id: string }): void {
    calls.push(`any ${message.id} at ${event.id}`);
    seen(event.id);
  }
}

describe('BorderlinkClientModule', () => {
  let node: Awaited<ReturnType<typeof fakeNode>>;
  let app: INestApplicationContext | undefined;
  beforeEach(async () => {
    node = await fakeNode();
    calls.length = 0;
  });
  afterEach(async () => {
    await app?.close();
    app = undefined;
    node.server.closeAllConnections();
    await new Promise((resolve) => node.server.close(resolve));
  });

  async function start(store: MemoryCursorStore, last: string): Promise<void> {
    const reached = new Promise<void>((resolve) => (seen = (id) => id === last && resolve()));
    @Module({
      imports: [BorderlinkClientModule.forRoot({ url: node.url, apiKey: 'blk_s', cursorStore: store })],
      providers: [Handlers],
    })
    class AppModule {}
    app = await NestFactory.createApplicationContext(AppModule, { logger: false });
    await app.init();
    await reached;
  }

  it('registers one subscription for its handlers and feeds each what its filter admits, one at a time, in order', async () => {
    const store = new MemoryCursorStore();
    await start(store, '3');
    // minSeverity on the first handler only: the union admits any severity, filtered per handler here.
    expect(JSON.parse(node.bodies[0]!)).toEqual({ maxHandling: 'TLP:AMBER' });
    expect(calls).toEqual(['any m1 at 1', 'any m2 at 2', 'any m3 at 3']);
    await expect(store.load()).resolves.toEqual({ subscriptionId: 's1', lastEventId: '3' });
  });

  it('awaits each handler before the next, and resumes from the stored cursor after a restart', async () => {
    // Severe explosives alerts this time, so both handlers run.
    LOG.forEach((entry) => Object.assign(entry.message, { severity: 'SEVERITY_SEVERE' }));
    const store = new MemoryCursorStore({ subscriptionId: 's1', lastEventId: '1' });
    await start(store, '3');
    expect(calls).toEqual(['any m2 at 2', 'explosives m3 start', 'explosives m3 end', 'any m3 at 3']);
    const [update, stream] = node.requests;
    expect([update?.method, update?.url]).toEqual(['PUT', '/v1/service-subscriptions/s1']);
    expect(stream?.headers['last-event-id']).toBe('1');
    expect(stream?.headers.authorization).toBe('Bearer blk_s');
  });
});
