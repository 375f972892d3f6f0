import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { HeartbeatSchema, type Heartbeat, type HeartbeatApp } from './gen/borderlink/v1/heartbeat_pb.js';

/** One delivery consumer's lag, as a heartbeat reports it. */
export interface ConsumerLagFigures {
  consumer: string;
  node: string;
  pending: number;
  ackPending: number;
  redelivered: number;
}

/** What a process knows of itself at one beat, in plain numbers and dates. */
export interface HeartbeatFigures {
  id: string;
  sender: string;
  sent: Date;
  instance: string;
  app: HeartbeatApp;
  version: string;
  started: Date;
  intervalMs: number;
  /** A node's outbox; none for a hub. */
  outbox?: { depth: number; oldestAgeMs: number };
  consumers: readonly ConsumerLagFigures[];
  lastDelivery?: Date;
  counters: {
    accepted: number;
    /** By RejectionReason name without its prefix (`STALE`). */
    rejected: Readonly<Record<string, number>>;
    delivered: number;
    deadLettered: number;
  };
}

// Counts are whole and never negative on the wire (uint64); prom-client keeps them as doubles.
const count = (value: number): bigint => BigInt(Math.max(0, Math.trunc(value)));

/** The Heartbeat message of `figures`, ready to seal. */
export function heartbeatFrom(figures: HeartbeatFigures): Heartbeat {
  const { outbox, counters, lastDelivery } = figures;
  return create(HeartbeatSchema, {
    id: figures.id,
    sender: figures.sender,
    sent: timestampFromDate(figures.sent),
    instance: figures.instance,
    app: figures.app,
    version: figures.version,
    started: timestampFromDate(figures.started),
    intervalMs: figures.intervalMs,
    ...(outbox === undefined
      ? {}
      : { outbox: { depth: count(outbox.depth), oldestAgeMs: count(outbox.oldestAgeMs) } }),
    consumers: figures.consumers.map((lag) => ({
      consumer: lag.consumer,
      node: lag.node,
      pending: count(lag.pending),
      ackPending: count(lag.ackPending),
      redelivered: count(lag.redelivered),
    })),
    ...(lastDelivery === undefined ? {} : { lastDelivery: timestampFromDate(lastDelivery) }),
    counters: {
      accepted: count(counters.accepted),
      rejected: Object.fromEntries(
        Object.entries(counters.rejected).map(([reason, n]) => [reason, count(n)]),
      ),
      delivered: count(counters.delivered),
      deadLettered: count(counters.deadLettered),
    },
  });
}
