import type { ConsumerLag, Network, NetworkNode, NodeInstance, PresenceStatus } from '../api/network.js';
import { presenceStatus } from './presence-look.js';

/** Consumer lag of the deliveries to one node, summed over its consumers. */
export interface LagTotals {
  pending: number;
  ackPending: number;
  redelivered: number;
  consumers: string[];
}

/** One row of the network table: a running instance, or a node with none. */
export interface NetworkRow {
  key: string;
  node: NetworkNode;
  /** Absent for a node never heard from. */
  instance?: NodeInstance;
  status: PresenceStatus;
  /** Absent when no live heartbeat reports a consumer for this node. */
  lag?: LagTotals;
}

const KIND_ORDER = { hub: 0, node: 1 } as const;

/**
 * The consumer lag of the deliveries to `nodeId`. A consumer's backlog is reported by whoever can see
 * it (the hub for every node's delivery consumer, a node for its own), so a node that stopped still
 * shows its backlog growing through the hub: for each consumer naming the node, the report from the
 * freshest heartbeat wins.
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
  if (freshest.size === 0) return undefined;
  const totals: LagTotals = { pending: 0, ackPending: 0, redelivered: 0, consumers: [] };
  for (const [consumer, { lag }] of [...freshest].sort(([a], [b]) => a.localeCompare(b))) {
    totals.pending += lag.pending;
    totals.ackPending += lag.ackPending;
    totals.redelivered += lag.redelivered;
    totals.consumers.push(consumer);
  }
  return totals;
}

/**
 * The table's rows: hubs first, then nodes, each by id, and each node's instances oldest first, so
 * that a row stays where it was between refreshes; a node with no instance gets one row of its own.
 */
export function networkRows(network: Network): NetworkRow[] {
  const nodes = [...network.nodes].sort(
    (a, b) => (KIND_ORDER[a.kind] ?? 1) - (KIND_ORDER[b.kind] ?? 1) || a.id.localeCompare(b.id),
  );
  return nodes.flatMap((node): NetworkRow[] => {
    const lag = lagOf(node.id, network);
    if (node.instances.length === 0) {
      return [{ key: node.id, node, status: presenceStatus(node.status), lag }];
    }
    return [...node.instances]
      .sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.instance.localeCompare(b.instance))
      .map((instance) => ({
        key: `${node.id}/${instance.instance}`,
        node,
        instance,
        status: presenceStatus(instance.status),
        lag,
      }));
  });
}

/** How many nodes stand at each status, for the summary above the map. */
export function countByStatus(network: Network): Record<PresenceStatus, number> {
  const counts: Record<PresenceStatus, number> = { live: 0, late: 0, silent: 0, never: 0 };
  for (const node of network.nodes) counts[presenceStatus(node.status)] += 1;
  return counts;
}
