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
