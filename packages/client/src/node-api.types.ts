// Short names for the generated types the client's methods take and give.
import type { components, operations } from './generated/node-api.js';

type Schemas = components['schemas'];
type JsonBody<O> = O extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;

/** An alert to send, in the protobuf JSON mapping (`docs/examples/alert.json`). */
export type AlertInput = JsonBody<operations['AlertsController_publish']>;
/** A notice to send (`docs/examples/notice.json`). */
export type NoticeInput = JsonBody<operations['NoticesController_publish']>;
/** A reply to a received alert or notice: usually just `texts`. */
export type ReplyInput = JsonBody<operations['RepliesController_reply']>;
/** A receipt: `read`, `acknowledged`, or `declined` with a reason. */
export type ReceiptInput = Schemas['ReceiptRequestDto'];
/** The node's answer to a message sent: `accepted` or `queued`, and its id. */
export type Accepted = Schemas['AcceptedResponseDto'];
/** A received message as the inbox holds it. */
export type InboxItem = Schemas['InboxItemDto'];
/** A page of the inbox, newest first; `next` reads the following (older) page. */
export type InboxPage = Schemas['InboxListDto'];
/** A message this node sent, with each recipient's receipt. */
export type SentMessage = Schemas['SentMessageDto'];
export type Thread = Schemas['ThreadDto'];
export type Requests = Schemas['RequestsDto'];
export type Picture = Schemas['PictureDto'];
export type InboxQuery = NonNullable<operations['InboxController_list']['parameters']['query']>;
export type RequestsQuery = operations['RequestsController_list']['parameters']['query'];

/** An alert's severity in the protobuf JSON mapping, as a node's narrowing names it. */
export type Severity = NonNullable<Schemas['SubscriptionFilterDto']['minSeverity']>;
/** One filter of a node's narrowing: a message passes when it matches every list given. */
export type SubscriptionFilter = Schemas['SubscriptionFilterDto'];
/** `PUT /v1/subscriptions`: the node's whole narrowing within the registry; no filter lifts it. */
export type NodeSubscriptionsRequest = Schemas['PutSubscriptionsDto'];
/** `GET /v1/subscriptions`: the registry's ceiling (region × category) and the node's narrowing. */
export type NodeSubscriptions = Schemas['SubscriptionsViewDto'];

/** What a service subscription receives; each list absent or empty admits any. */
export type ServiceSubscriptionFilter = Schemas['ServiceSubscriptionFilterDto'];
/** A service subscription's lowest OASIS CAP severity: a notice (no severity) never passes one. */
export type SeverityLevel = NonNullable<ServiceSubscriptionFilter['minSeverity']>;
/** The most restricted handling a service subscription receives. */
export type HandlingLevel = ServiceSubscriptionFilter['maxHandling'];
/** The inbox kinds a service may subscribe to. */
export type SubscribedKind = NonNullable<ServiceSubscriptionFilter['kinds']>[number];
/** `POST /v1/service-subscriptions`, `PUT …/{id}`: the filter, and where to POST webhooks if anywhere. */
export type ServiceSubscriptionRequest = Schemas['ServiceSubscriptionRequestDto'];
/** A registered service subscription. */
export type ServiceSubscription = Schemas['ServiceSubscriptionDto'];
/** The answer to `POST /v1/service-subscriptions`: the subscription and its webhook secret, shown once. */
export type CreatedServiceSubscription = Schemas['CreatedServiceSubscriptionDto'];
/** Where a subscription's webhook stands (`GET …/{id}/deliveries`, `POST …/{id}/enable`). */
export type WebhookReport = Schemas['WebhookReportDto'];
