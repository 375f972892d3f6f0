import type { ApiClient } from './api-client.js';

export interface NatsServer {
  id: string;
  name: string;
  version: string;
  uptimeS: number;
  connections: number;
}

/** A cluster route between two servers. */
export interface NatsRoute {
  /** The server reporting the route. */
  server: string;
  /** The server at its other end. */
  remote: string;
  /** Whether it is up; absent when the server only lists live routes. */
  connected?: boolean;
}

/** A leaf node link, e.g. a national site's server to the hub's. */
export interface NatsLeafLink {
  name: string;
  account: string;
  connected: boolean;
  /** When it was cut, for a link that is not connected. */
  cutSince?: string | null;
}

export interface UsageWithLimit {
  used: number;
  /** Absent, zero or negative: no limit. */
  limit?: number | null;
}

export interface JetStreamUsage {
  streams: number;
  consumers: number;
  messages: number;
  bytes: number;
  memory: UsageWithLimit;
  storage: UsageWithLimit;
}

export interface NatsOverview {
  servers: NatsServer[];
  routes: NatsRoute[];
  leafLinks: NatsLeafLink[];
  jetstream: JetStreamUsage;
}

export const getNats = (api: ApiClient): Promise<NatsOverview> => api.get<NatsOverview>('/v1/nats');
