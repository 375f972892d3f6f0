import { timestampDate } from '@bufbuild/protobuf/wkt';
import { HeartbeatApp, type ConsumerLagFigures, type Heartbeat } from '#contracts';

/** Counts since the process started: a restart starts them again from zero. */
export interface TrafficCounts {
  accepted: number;
  rejected: Record<string, number>;
  delivered: number;
  deadLettered: number;
}

/** The newest verified heartbeat of one process, as the console keeps it. */
export interface InstanceBeat {
  sender: string;
  instance: string;
  kind: 'node' | 'hub';
  version: string;
  startedAt: Date;
  /** The signed sent time. */
  sentAt: Date;
  /** When the console received it, by its own clock: what ages and traffic buckets count from. */
  receivedAt: Date;
  intervalMs: number;
  outbox?: { depth: number; oldestAgeMs: number };
  consumers: ConsumerLagFigures[];
  lastDeliveryAt?: Date;
  counters: TrafficCounts;
}

/** The console's reading of a verified heartbeat, received at `receivedAt`. */
export function instanceBeatOf(heartbeat: Heartbeat, receivedAt: Date): InstanceBeat {
  const counters = heartbeat.counters;
  return {
    sender: heartbeat.sender,
    instance: heartbeat.instance,
    kind: heartbeat.app === HeartbeatApp.HUB ? 'hub' : 'node',
    version: heartbeat.version,
    startedAt: heartbeat.started === undefined ? receivedAt : timestampDate(heartbeat.started),
    sentAt: heartbeat.sent === undefined ? receivedAt : timestampDate(heartbeat.sent),
    receivedAt,
    intervalMs: heartbeat.intervalMs,
    ...(heartbeat.outbox === undefined
      ? {}
      : {
          outbox: {
            depth: Number(heartbeat.outbox.depth),
            oldestAgeMs: Number(heartbeat.outbox.oldestAgeMs),
          },
        }),
    consumers: heartbeat.consumers.map((lag) => ({
      consumer: lag.consumer,
      node: lag.node,
      pending: Number(lag.pending),
      ackPending: Number(lag.ackPending),
      redelivered: Number(lag.redelivered),
    })),
    ...(heartbeat.lastDelivery === undefined
      ? {}
      : { lastDeliveryAt: timestampDate(heartbeat.lastDelivery) }),
    counters: {
      accepted: Number(counters?.accepted ?? 0n),
      rejected: Object.fromEntries(
        Object.entries(counters?.rejected ?? {}).map(([reason, count]) => [reason, Number(count)]),
      ),
      delivered: Number(counters?.delivered ?? 0n),
      deadLettered: Number(counters?.deadLettered ?? 0n),
    },
  };
}
