import { Injectable } from '@nestjs/common';
import { Clock } from '../core/clock.js';
import { JetStreamAccountRepository } from './jetstream-account.repository.js';
import { LinkMemory } from './link-memory.js';
import type {
  JetStreamUsageView,
  NatsHealthView,
  NatsLeafLinkView,
  NatsRouteView,
} from './nats-health.dto.js';
import {
  addUsage,
  jetStreamOf,
  leafLinksOf,
  routeRemotesOf,
  serverOf,
  type LeafLink,
} from './nats-monitoring.js';
import { NatsMonitorRepository } from './nats-monitor.repository.js';

const NO_USAGE: JetStreamUsageView = {
  streams: 0,
  consumers: 0,
  messages: 0,
  bytes: 0,
  memory: { used: 0, limit: 0 },
  storage: { used: 0, limit: 0 },
};

interface Route {
  server: string;
  remote: string;
}

/**
 * The NATS servers' health for operators: from their monitoring endpoints when configured (servers,
 * routes, leaf links, JetStream usage), else from the operator's JetStream account. Leaf links and
 * routes seen at an earlier look are remembered, so one that was cut shows as cut since it vanished.
 */
@Injectable()
export class NatsHealthService {
  private readonly leafLinks = new LinkMemory<LeafLink>((link) => `${link.name}\u0000${link.account}`);
  private readonly routes = new LinkMemory<Route>((route) => `${route.server}\u0000${route.remote}`);

  constructor(
    private readonly monitor: NatsMonitorRepository,
    private readonly account: JetStreamAccountRepository,
    private readonly clock: Clock,
  ) {}

  async health(): Promise<NatsHealthView> {
    if (!this.monitor.configured) {
      return {
        source: 'account',
        servers: [this.account.server()],
        routes: [],
        leafLinks: [],
        jetstream: await this.account.usage(),
      };
    }
    const monitored = await this.monitor.servers();
    const now = this.clock.now();
    const servers = monitored.map((server) => serverOf(server.varz));
    const routes = this.routes
      .look(
        monitored.flatMap((server, i) =>
          routeRemotesOf(server.routez).map((remote) => ({ server: servers[i]!.name, remote })),
        ),
        now,
      )
      .map(({ link, connected, cutSince }): NatsRouteView => ({
        ...link,
        connected,
        cutSince: cutSince?.toISOString() ?? null,
      }));
    const leafLinks = this.leafLinks
      .look(
        monitored.flatMap((server) => leafLinksOf(server.leafz)),
        now,
      )
      .map(({ link, connected, cutSince }): NatsLeafLinkView => ({
        ...link,
        connected,
        cutSince: cutSince?.toISOString() ?? null,
      }));
    const jetstream = monitored.map((server) => jetStreamOf(server.jsz)).reduce(addUsage, NO_USAGE);
    return { source: 'monitoring', servers, routes, leafLinks, jetstream };
  }
}
