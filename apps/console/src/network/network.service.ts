import { Injectable } from '@nestjs/common';
import { RegistryIndex } from '#registry';
import { Clock } from '../core/clock.js';
import { HeartbeatsService, type ReportedLag } from '../heartbeats/heartbeats.service.js';
import type { InstanceBeat } from '../heartbeats/instance-beat.js';
import { nodeStatus } from '../heartbeats/presence.js';
import type { ConsumerLagView, InstanceView, NetworkNodeView, NetworkView } from './network.dto.js';
import { nodeLocation } from './node-location.js';

/** What the network reports when no heartbeat was heard yet: the apps' default interval. */
export const DEFAULT_HEARTBEAT_INTERVAL_MS = 10_000;

const seconds = (ms: number): number => Math.max(0, Math.round(ms / 1000));

const lagView = ({ consumer, node, pending, ackPending, redelivered }: ReportedLag | ConsumerLagView) => ({
  consumer,
  node,
  pending,
  ackPending,
  redelivered,
});

/**
 * The network as operators see it: every registry node, its processes from their newest heartbeats
 * with their status by the console's clock, and its delivery consumer's backlog as last reported.
 */
@Injectable()
export class NetworkService {
  constructor(
    private readonly registry: RegistryIndex,
    private readonly heartbeats: HeartbeatsService,
    private readonly clock: Clock,
  ) {}

  network(): NetworkView {
    const registry = this.registry.current();
    const lags = this.heartbeats.freshestLags();
    const nodes = registry.nodes.map((node): NetworkNodeView => {
      const instances = this.heartbeats.instancesOf(node.id).map((beat) => this.instanceView(beat));
      const location = nodeLocation(registry, node);
      return {
        id: node.id,
        kind: node.kind === 'hub' ? 'hub' : 'node',
        name: node.name,
        organisation: node.organisation,
        country: node.country ?? '',
        ...(location === undefined ? {} : { location }),
        status: nodeStatus(instances.map((instance) => instance.status)),
        instances,
        lag: lags.filter((lag) => lag.node === node.id).map(lagView),
      };
    });
    const newest = this.heartbeats
      .all()
      .reduce<InstanceBeat | undefined>(
        (a, b) => (a === undefined || a.receivedAt < b.receivedAt ? b : a),
        undefined,
      );
    return { heartbeatIntervalMs: newest?.intervalMs ?? DEFAULT_HEARTBEAT_INTERVAL_MS, nodes };
  }

  private instanceView(beat: InstanceBeat): InstanceView {
    const now = this.clock.now().getTime();
    return {
      instance: beat.instance,
      version: beat.version,
      startedAt: beat.startedAt.toISOString(),
      uptimeS: seconds(now - beat.startedAt.getTime()),
      heartbeatAt: beat.receivedAt.toISOString(),
      heartbeatAgeS: seconds(this.heartbeats.ageMs(beat)),
      status: this.heartbeats.status(beat),
      ...(beat.outbox === undefined
        ? {}
        : { outbox: { depth: beat.outbox.depth, oldestAgeS: seconds(beat.outbox.oldestAgeMs) } }),
      lag: beat.consumers.map(lagView),
      lastDeliveryAt: beat.lastDeliveryAt?.toISOString() ?? null,
    };
  }
}
