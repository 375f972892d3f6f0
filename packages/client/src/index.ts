// @borderlink/client: a typed client of a Borderlink node's API. The NestJS module for services is
// at @borderlink/client/nest.
export {
  BorderlinkClient,
  type BorderlinkClientOptions,
  type InboxStreamEvent,
  type SubscriptionStreamEvent,
} from './borderlink-client.js';
export {
  BorderlinkError,
  BorderlinkRefusalError,
  BorderlinkUnreachableError,
  type NodeRefusal,
} from './client.errors.js';
export type { BorderlinkCredentials } from './credentials.js';
export { backoffDelay, type BackoffOptions } from './backoff.js';
export { LiveStream, type LiveStreamOptions } from './live-stream.js';
export type {
  Accepted,
  AlertInput,
  CreatedServiceSubscription,
  HandlingLevel,
  InboxItem,
  InboxPage,
  InboxQuery,
  NodeSubscriptions,
  NodeSubscriptionsRequest,
  NoticeInput,
  Picture,
  ReceiptInput,
  ReplyInput,
  Requests,
  RequestsQuery,
  SentMessage,
  ServiceSubscription,
  ServiceSubscriptionFilter,
  ServiceSubscriptionRequest,
  Severity,
  SeverityLevel,
  SubscribedKind,
  SubscriptionFilter,
  Thread,
  WebhookReport,
} from './node-api.types.js';
export type { paths, components, operations } from './generated/node-api.js';
