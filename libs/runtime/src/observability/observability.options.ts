import type { Type } from '@nestjs/common';
import type { HealthIndicatorResult } from '@nestjs/terminus';
import type { NatsHealthProbe } from './nats-health-probe.js';

/** A further part of /healthz, e.g. a node's outbox: its result is reported beside nats, jetstream and redis. */
export interface HealthDetail {
  check(): HealthIndicatorResult | Promise<HealthIndicatorResult>;
}

/** Options of `ObservabilityModule.forRoot`. */
export interface ObservabilityOptions {
  /** The deployable (`hub`, `node`, …), attached to every metric as the `service` label. */
  service: string;
  /**
   * The provider that answers for the NATS connection, resolved from the application's modules:
   * `NatsConnectionService` (global through MessagingModule), or any provider of a `NatsHealthProbe`.
   */
  nats: Type<NatsHealthProbe> | string | symbol;
  /** Whether the app uses Redis, and /healthz checks it (default true); the console has none. */
  redis?: boolean;
  /** Providers of further /healthz parts, resolved from the application's modules. */
  details?: Array<Type<HealthDetail>>;
  /**
   * /healthz answers only `{"status":"ok"}` (200) or `{"status":"error"}` (503), for anyone; the
   * parts are at /healthz/details (an operator route). Default false: /healthz names the parts.
   */
  bareHealth?: boolean;
  /** How long the JetStream and Redis checks may take before they count as down; 1000 ms by default. */
  healthTimeoutMs?: number;
}

export const OBSERVABILITY_OPTIONS = Symbol('borderlink:observability-options');
