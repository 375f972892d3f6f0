// The node's public entry (`#node`): all that tests, benchmarks and other packages may use of it.
export { createNodeApp } from './node-app.js';
export { NodeConfig } from './config/node.config.js';
// The time source of a running node (`app.get(Clock)`), for tests that move it.
export { Clock } from './common/clock.js';
// The heartbeat of a running node (`app.get(NodeHeartbeatService).beat()`), for tests that publish one
// when they need it instead of waiting for the interval.
export { NodeHeartbeatService } from './heartbeat/node-heartbeat.service.js';
export { NodeIdentityError } from './identity/identity.errors.js';
export { inboxItemKey, inboxListKey, inboxSeenKey } from './inbox/inbox.keys.js';
export type { InboxItem, InboxKind } from './inbox/inbox-item.js';
export { nodeEpochKey } from './rebuild/rebuild.keys.js';
// The webhook dispatcher of a running node (`app.get(WebhookDispatcher).runOnce()`), for tests that run
// it beside its own loop, as several instances would.
export { WebhookDispatcher } from './service-subscriptions/webhook-dispatcher.service.js';
export type { DeliveryState } from './sent/delivery-state.js';
export type { RecipientState, RejectionRecord, SentMessage, SentStatus } from './sent/sent-message.js';
