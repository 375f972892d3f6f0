// The hub's public entry (#hub): all that tests, benchmarks and other packages may import of the hub.

// Start one hub instance from its validated environment.
export { bootstrapHub } from './bootstrap-hub.js';
export { HubConfig } from './config/hub.config.js';

// What the hub provisions on NATS for the nodes, for tests that run nodes without a hub.
export {
  nodeDeliveryConsumerSpec,
  provisionNodeConsumers,
  receivingNodes,
} from './provisioning/node-consumers.js';

// The ingress pipeline of a running hub (`app.get(IngressService)`), to decide a message directly.
export {
  IngressService,
  outcomeOf,
  type IngressDecision,
  type IngressEnvelope,
} from './ingress/ingress.service.js';

// The follow-ups of unanswered requests of a running hub (`app.get(RequestsService).sweep(at)`), for
// tests that move the clock to a deadline instead of waiting for it.
export { RequestsService } from './requests/requests.service.js';

// The nodes' narrowings a running hub applies (`app.get(SubscriptionsService).admits(node, topic)`), for
// tests that wait until every instance has learnt a change.
export { SubscriptionsService } from './subscriptions/subscriptions.service.js';

// The heartbeat of a running hub (`app.get(HubHeartbeatService).beat(now)`), for tests that publish one
// when they need it instead of waiting for the interval.
export { HubHeartbeatService } from './heartbeat/hub-heartbeat.service.js';

// The audit chain's writer over its stream, for tests that run several writers on one chain.
export { AuditChainRepository } from './audit/audit-chain.repository.js';
export { AuditPolicy } from './audit/audit-policy.js';
export { ChainedAuditTrailService } from './audit/chained-audit-trail.service.js';

// The marker of a whole hub state in Redis, for tests that wipe Redis and wait for the rebuild.
export { HUB_EPOCH_KEY } from './state/state.keys.js';
