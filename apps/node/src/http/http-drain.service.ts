import { Injectable, type BeforeApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Server } from 'node:http';

const IDLE_SWEEP_MS = 50;

/**
 * Lets the HTTP server close promptly without cutting requests short. `server.close()` closes the
 * connections that are idle when it is called; a response that ends later (an event stream completed
 * at shutdown, a publish still waiting for its ack) would leave its keep-alive connection open until
 * the client's idle timeout. From shutdown on, each connection is closed as soon as it falls idle.
 */
@Injectable()
export class HttpDrainService implements BeforeApplicationShutdown {
  constructor(private readonly adapterHost: HttpAdapterHost) {}

  beforeApplicationShutdown(): void {
    const server = this.adapterHost.httpAdapter?.getHttpServer() as Server | undefined;
    if (server === undefined || !server.listening) return;
    const sweep = setInterval(() => server.closeIdleConnections(), IDLE_SWEEP_MS).unref();
    server.once('close', () => clearInterval(sweep));
  }
}
