import type { ApiClient } from './api-client.js';

/**
 * How a node's or instance's heartbeat stands: `live` within its interval, `late` past it, `silent`
 * after several missed, `never` heard from since the console started.
 */
export type PresenceStatus = 'live' | 'late' | 'silent' | 'never';

/** One durable consumer's backlog, as JetStream reports it. */
export interface ConsumerLag {
  consumer: string;
  /** The node whose deliveries it carries. */
  node: string;
  pending: number;
  /** Delivered, waiting for an ack. */
  ackPending: number;
  redelivered: number;
}

/** One running process of a node or hub, from its latest heartbeat. */
export interface NodeInstance {
  instance: string;
  version: string;
  startedAt: string;
  uptimeS: number;
  heartbeatAt: string;
  heartbeatAgeS: number;
  status: PresenceStatus;
  /** A node's outbox; absent for a hub. */
  outbox?: { depth: number; oldestAgeS: number };
  lag: ConsumerLag[];
  /** A node: the last delivery it took in; a hub: the last message it routed. */
  lastDeliveryAt?: string | null;
}

export interface NetworkNode {
  id: string;
  kind: 'node' | 'hub';
  name: string;
  organisation: string;
  /** ISO 3166-1 alpha-2, or empty for an international organisation. */
  country: string;
  location?: { lat: number; lon: number };
  /** The best of its instances' statuses (one live instance keeps it live); `never` without any. */
  status: PresenceStatus;
  instances: NodeInstance[];
  /**
   * The backlog of its delivery consumers from the freshest report (usually the hub's), which still
   * grows while the node itself is stopped and cannot report.
   */
  lag?: ConsumerLag[];
}

export interface Network {
  heartbeatIntervalMs: number;
  nodes: NetworkNode[];
}

export const getNetwork = (api: ApiClient): Promise<Network> => api.get<Network>('/v1/network');
