/** One NATS server. */
export interface NatsServerView {
  id: string;
  name: string;
  version: string;
  /** Null when only the JetStream account info was read (no monitoring endpoint). */
  uptimeS: number | null;
  connections: number | null;
}

/** A cluster route between two servers. */
export interface NatsRouteView {
  server: string;
  remote: string;
  connected: boolean;
  /** For a route seen before that has gone: since when. */
  cutSince: string | null;
}

/** A leaf node link, e.g. a national site's server to the hub's. */
export interface NatsLeafLinkView {
  name: string;
  account: string;
  connected: boolean;
  /** For a link seen before that has gone: since when (the first look that missed it). */
  cutSince: string | null;
}

export interface UsageView {
  used: number;
  /** Null or non-positive: no limit. */
  limit: number | null;
}

export interface JetStreamUsageView {
  streams: number;
  consumers: number;
  messages: number;
  bytes: number;
  memory: UsageView;
  storage: UsageView;
}

export interface NatsHealthView {
  /** Where the figures come from: the servers' monitoring endpoints, or the operator's JetStream account. */
  source: 'monitoring' | 'account';
  servers: NatsServerView[];
  routes: NatsRouteView[];
  leafLinks: NatsLeafLinkView[];
  jetstream: JetStreamUsageView;
}
