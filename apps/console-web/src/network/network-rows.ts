import type { ConsumerLag, Network, NetworkNode, NodeInstance, PresenceStatus } from '../api/network.js';
import { presenceStatus } from './presence-look.js';

/** Consumer lag of the deliveries to one node, summed over its consumers. */
export interface LagTotals {
  pending: number;
  ackPending: number;
  redelivered: number;
  consumers: string[];
}

/** One more instance of a node, under the node's row. */
export interface InstanceRow {
  key: string;
  instance: NodeInstance;
  status: PresenceStatus;
}

/**
 * One row of the network table per node or hub: its status, the figures of its freshest instance,
 * the lag of its deliveries, and its other instances (a second worker, or a process replaced by a
 * restart that the console still remembers) as rows of their own beneath.
 */
export interface NodeRow {
  key: string;
  node: NetworkNode;
  /** The instance with the newest heartbeat; absent for a node never heard from. */
  instance?: NodeInstance;
  status: PresenceStatus;
  /** Absent when no heartbeat reports a consumer for this node. */
  lag?: LagTotals;
  others: InstanceRow[];
}

const KIND_ORDER: Record<string, number> = { hub: 0, node: 1 };

function totals(entries: Iterable<ConsumerLag>): LagTotals | undefined {
  const sorted = [...entries].sort((a, b) => a.consumer.localeCompare(b.consumer));
  if (sorted.length === 0) return undefined;
  const sum: LagTotals = { pending: 0, ackPending: 0, redelivered: 0, consumers: [] };
  for (const lag of sorted) {
    sum.pending += lag.pending;
    sum.ackPending += lag.ackPending;
    sum.redelivered += lag.redelivered;
    sum.consumers.push(lag.consumer);
  }
  return sum;
}

/**
 * The consumer lag of the deliveries to `nodeId` as the instances report it. A consumer's backlog is
 * reported by whoever can see it (the hub for every node's delivery consumer, a node for its own), so
 * a node that stopped still shows its backlog growing through the hub: for each consumer naming the
 * node, the report from the freshest heartbeat wins.
 */
export function lagOf(nodeId: string, network: Network): LagTotals | undefined {
  const freshest = new Map<string, { lag: ConsumerLag; ageS: number }>();
  for (const node of network.nodes) {
    for (const instance of node.instances) {
      for (const lag of instance.lag ?? []) {
        if (lag.node !== nodeId) continue;
        const known = freshest.get(lag.consumer);
        if (known === undefined || instance.heartbeatAgeS < known.ageS) {
          freshest.set(lag.consumer, { lag, ageS: instance.heartbeatAgeS });
        }
      }
    }
  }
  return totals([...freshest.values()].map(({ lag }) => lag));
}

/** Newest heartbeat first; between equals, the later started. */
const byFreshness = (a: NodeInstance, b: NodeInstance): number =>
  a.heartbeatAgeS - b.heartbeatAgeS ||
  b.startedAt.localeCompare(a.startedAt) ||
  a.instance.localeCompare(b.instance);

/**
 * The table's rows: hubs first, then nodes, each by id, so that a row stays where it is between
 * refreshes. A node's lag is the server's own reckoning when it gives one, else the instances' reports.
 */
export function networkRows(network: Network): NodeRow[] {
  const nodes = [...network.nodes].sort(
    (a, b) => (KIND_ORDER[a.kind] ?? 1) - (KIND_ORDER[b.kind] ?? 1) || a.id.localeCompare(b.id),
  );
  return nodes.map((node): NodeRow => {
    const [instance, ...rest] = [...node.instances].sort(byFreshness);
    return {
      key: node.id,
      node,
      instance,
      status: presenceStatus(node.status),
      lag: node.lag === undefined ? lagOf(node.id, network) : totals(node.lag),
      others: rest.map((other) => ({
        key: `${node.id}/${other.instance}`,
        instance: other,
        status: presenceStatus(other.status),
      })),
    };
  });
}

// Instance ids are UUIDv7: their first characters are a timestamp, their last ones random.
const SHORT_ID = 8;

/** An instance id short enough for a table cell that still tells two instances apart: its random end. */
export function shortInstance(id: string): string {
  return id.length <= SHORT_ID + 4 ? id : `…${id.slice(-SHORT_ID)}`;
}

/** How many nodes stand at each status, for the summary above the map. */
export function countByStatus(network: Network): Record<PresenceStatus, number> {
  const counts: Record<PresenceStatus, number> = { live: 0, late: 0, silent: 0, never: 0 };
  for (const node of network.nodes) counts[presenceStatus(node.status)] += 1;
  return counts;
}
