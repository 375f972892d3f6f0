import type { NodeStatus, InstanceStatus } from '../heartbeats/presence.js';
import type { Location } from './node-location.js';

/** One consumer's backlog. */
export interface ConsumerLagView {
  consumer: string;
  node: string;
  pending: number;
  ackPending: number;
  redelivered: number;
}

/** One running process of a node or hub, from its newest heartbeat. */
export interface InstanceView {
  instance: string;
  version: string;
  startedAt: string;
  uptimeS: number;
  /** When the console received its newest heartbeat. */
  heartbeatAt: string;
  heartbeatAgeS: number;
  status: InstanceStatus;
  outbox?: { depth: number; oldestAgeS: number };
  lag: ConsumerLagView[];
  lastDeliveryAt: string | null;
}

export interface NetworkNodeView {
  id: string;
  kind: 'node' | 'hub';
  name: string;
  organisation: string;
  /** ISO 3166-1 alpha-2, empty for none. */
  country: string;
  location?: Location;
  status: NodeStatus;
  instances: InstanceView[];
  /**
   * The backlog of the node's delivery consumer from the freshest report (usually the hub's), which
   * still grows while the node itself is stopped and cannot report.
   */
  lag: ConsumerLagView[];
}

export interface NetworkView {
  heartbeatIntervalMs: number;
  nodes: NetworkNodeView[];
}
