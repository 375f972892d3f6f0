import type { ApiClient } from './api-client.js';

export interface NatsServer {
  id: string;
  name: string;
  version: string;
  /** Null when only the JetStream account could be read (no monitoring endpoint). */
  uptimeS: number | null;
  connections: number | null;
}

/** A cluster route between two servers. */
export interface NatsRoute {
  /** The server reporting the route. */
  server: string;
  /** The server at its other end. */
  remote: string;
  connected: boolean;
  /** For a route seen before that has gone: since when. */
  cutSince?: string | null;
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
  /** Where the figures come from: the servers' monitoring endpoints, or the console's JetStream account only. */
  source?: 'monitoring' | 'account';
  servers: NatsServer[];
  routes: NatsRoute[];
  leafLinks: NatsLeafLink[];
  jetstream: JetStreamUsage;
}

export const getNats = (api: ApiClient): Promise<NatsOverview> => api.get<NatsOverview>('/v1/nats');
