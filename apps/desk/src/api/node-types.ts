import type { components, operations } from '../../../../packages/client/src/generated/node-api';

type Schemas = components['schemas'];
type JsonBody<T> = T extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

/** A borderlink.v1.Alert in the protobuf JSON mapping, as POST /v1/alerts takes it. */
export type Alert = JsonBody<operations['AlertsController_publish']>;
/** A borderlink.v1.Notice in the protobuf JSON mapping, as POST /v1/notices takes it. */
export type Notice = JsonBody<operations['NoticesController_publish']>;
/** The body of POST /v1/messages/{id}/replies. */
export type Reply = JsonBody<operations['RepliesController_reply']>;

export type LocalizedText = NonNullable<Alert['texts']>[number];
export type SeizedItem = NonNullable<Alert['items']>[number];
export type PersonCount = NonNullable<Alert['persons']>[number];
export type Area = NonNullable<Alert['area']>;
export type Weapon = NonNullable<SeizedItem['weapon']>;

export type InboxItem = Schemas['InboxItemDto'];
export type InboxList = Schemas['InboxListDto'];
export type SentMessage = Schemas['SentMessageDto'];
export type RecipientState = Schemas['RecipientStateDto'];
export type ThreadEntry = Schemas['ThreadEntryDto'];
export type Thread = Schemas['ThreadDto'];
export type Trace = Schemas['TraceDto'];
export type RequestView = Schemas['RequestViewDto'];
export type ReleaseItem = Schemas['ReleaseItemDto'];
export type ReleasesOverview = Schemas['ReleasesOverviewDto'];
export type GroupView = Schemas['GroupViewDto'];
export type Picture = Schemas['PictureDto'];
export type SectionPicture = Schemas['SectionPictureDto'];
export type WindowFigures = Schemas['WindowFiguresDto'];
export type SerialHit = Schemas['SerialHitDto'];
export type Principal = Schemas['PrincipalDto'];
export type Reference = Schemas['ReferenceDto'];
export type Role = Principal['roles'][number];

/** An alert, notice or reply as a message of the inbox, a thread or the sent state carries it. */
export type AnyMessage = Alert & Partial<Notice> & Partial<Reply> & Record<string, unknown>;
