import type { DescMessage, MessageShape } from '@bufbuild/protobuf';
import { AlertSchema } from './gen/borderlink/v1/alert_pb.js';
import { AuditCheckpointSchema } from './gen/borderlink/v1/audit_pb.js';
import { GroupChangeSchema } from './gen/borderlink/v1/group_pb.js';
import { NoticeSchema } from './gen/borderlink/v1/notice_pb.js';
import { DeliveredBatchSchema, ReceiptSchema, RoutingReportSchema } from './gen/borderlink/v1/receipt_pb.js';
import { RejectionSchema } from './gen/borderlink/v1/rejection_pb.js';
import { ReleaseSchema } from './gen/borderlink/v1/release_pb.js';
import { RequestReminderSchema } from './gen/borderlink/v1/reminder_pb.js';
import { ReplySchema } from './gen/borderlink/v1/reply_pb.js';
import { SubscriptionChangeSchema } from './gen/borderlink/v1/subscription_pb.js';

/**
 * The typed map from a message kind (the `<kind>` subject token and the `Bl-Type` header)
 * to its protobuf schema, so a publisher and a handler cannot disagree on a payload's type.
 * Kinds are wire contract: add, never rename.
 */
export const MESSAGE_SCHEMAS = {
  alert: AlertSchema,
  notice: NoticeSchema,
  reply: ReplySchema,
  receipt: ReceiptSchema,
  delivered: DeliveredBatchSchema,
  rejection: RejectionSchema,
  routing: RoutingReportSchema,
  release: ReleaseSchema,
  group: GroupChangeSchema,
  checkpoint: AuditCheckpointSchema,
  reminder: RequestReminderSchema,
  subscription: SubscriptionChangeSchema,
} as const satisfies Record<string, DescMessage>;

export type MessageKind = keyof typeof MESSAGE_SCHEMAS;
export type MessageOf<K extends MessageKind> = MessageShape<(typeof MESSAGE_SCHEMAS)[K]>;

export const MESSAGE_KINDS = Object.keys(MESSAGE_SCHEMAS) as MessageKind[];

export function isMessageKind(value: string): value is MessageKind {
  return Object.hasOwn(MESSAGE_SCHEMAS, value);
}

/** Kinds a node may send into the hub, and so signs with its own key; the others are the hub's. */
export const NODE_SENDABLE_KINDS = [
  'alert',
  'notice',
  'reply',
  'receipt',
  'delivered',
  'release',
  'group',
  'subscription',
] as const satisfies readonly MessageKind[];

export type SendableKind = (typeof NODE_SENDABLE_KINDS)[number];

export function isSendableKind(kind: string): kind is SendableKind {
  return (NODE_SENDABLE_KINDS as readonly string[]).includes(kind);
}

/**
 * Kinds that answer messages the hub routed to their sender (a receipt, a `delivered` batch of them):
 * nothing refers back to them, so the hub keeps no route record and sends no routing report for them.
 */
export const RECEIPT_KINDS = ['receipt', 'delivered'] as const satisfies readonly SendableKind[];

export type ReceiptKindName = (typeof RECEIPT_KINDS)[number];

export function isReceiptKind(kind: MessageKind): kind is ReceiptKindName {
  return (RECEIPT_KINDS as readonly string[]).includes(kind);
}

/**
 * Kinds only the hub issues and signs: its answers to a sender, the audit checkpoints every node
 * keeps, and the reminders of unanswered requests.
 */
export const HUB_ISSUED_KINDS = [
  'rejection',
  'routing',
  'checkpoint',
  'reminder',
] as const satisfies readonly MessageKind[];

export type HubIssuedKind = (typeof HUB_ISSUED_KINDS)[number];
