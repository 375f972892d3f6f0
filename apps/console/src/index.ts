// Public entry of the operations console: what tests and the local stack may use.
export { createConsoleApp, type ConsoleAppOptions } from './console-app.js';
export { ConsoleConfig } from './config/console.config.js';
export { Clock } from './core/clock.js';
export { DEFAULT_HEARTBEAT_INTERVAL_MS } from './network/network.service.js';
export type { NetworkView, NetworkNodeView, InstanceView } from './network/network.dto.js';
export type { DeadLetterView, DeadLetterDetailView } from './dead-letters/dead-letter.dto.js';
export type { DeadLetterOutcome } from './dead-letters/dead-letters.service.js';
export type { AuditView, VerificationView } from './audit/audit.service.js';
export type { TrafficView } from './traffic/traffic.service.js';
export type { NatsHealthView } from './nats-health/nats-health.dto.js';
export type { KeyView } from './keys/registry-keys.js';
