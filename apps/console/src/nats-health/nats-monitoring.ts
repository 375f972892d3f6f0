import type { JetStreamUsageView, NatsServerView } from './nats-health.dto.js';

// The monitoring endpoints' JSON, read defensively: fields differ between nats-server 2.9 and 2.10+
// (2.10 adds names to routes and leaf links), and a missing one must not fail the whole page.
type Json = Record<string, unknown>;

const record = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {});
const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const count = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
const list = (value: unknown): Json[] => (Array.isArray(value) ? value.map(record) : []);

/** A server from `/varz`. */
export function serverOf(varz: unknown): NatsServerView {
  const v = record(varz);
  const start = Date.parse(text(v.start));
  const now = Date.parse(text(v.now));
  return {
    id: text(v.server_id),
    name: text(v.server_name) || text(v.server_id),
    version: text(v.version),
    uptimeS: Number.isNaN(start) || Number.isNaN(now) ? null : Math.max(0, Math.round((now - start) / 1000)),
    connections: count(v.connections),
  };
}

/** The routes `/routez` lists, as remote server names (or ids, before 2.10 named them). */
export function routeRemotesOf(routez: unknown): string[] {
  return list(record(routez).routes).map((route) => text(route.remote_name) || text(route.remote_id));
}

/** One leaf link `/leafz` lists: its name (the remote server's, 2.10+; else its address) and account. */
export interface LeafLink {
  name: string;
  account: string;
}

export function leafLinksOf(leafz: unknown): LeafLink[] {
  return list(record(leafz).leafs).map((leaf) => ({
    name: text(leaf.name) || text(leaf.ip),
    account: text(leaf.account),
  }));
}

/** JetStream usage from one server's `/jsz`. */
export function jetStreamOf(jsz: unknown): JetStreamUsageView {
  const j = record(jsz);
  const config = record(j.config);
  return {
    streams: count(j.streams),
    consumers: count(j.consumers),
    messages: count(j.messages),
    bytes: count(j.bytes),
    memory: { used: count(j.memory), limit: count(config.max_memory) || null },
    storage: { used: count(j.storage), limit: count(config.max_storage) || null },
  };
}

/** Usage over several servers: added up (each server counts what it stores, replicas included). */
export function addUsage(a: JetStreamUsageView, b: JetStreamUsageView): JetStreamUsageView {
  const limit = (x: number | null, y: number | null): number | null =>
    x === null || y === null ? null : x + y;
  return {
    streams: a.streams + b.streams,
    consumers: a.consumers + b.consumers,
    messages: a.messages + b.messages,
    bytes: a.bytes + b.bytes,
    memory: { used: a.memory.used + b.memory.used, limit: limit(a.memory.limit, b.memory.limit) },
    storage: { used: a.storage.used + b.storage.used, limit: limit(a.storage.limit, b.storage.limit) },
  };
}
