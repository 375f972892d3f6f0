import { NoticeKind, NoticeKindSchema } from './gen/borderlink/v1/notice_pb.js';

/** The notice kinds that ask their addressees for an answer by a deadline (docs/policy.md, "Answer deadlines"). */
const REQUEST_KINDS: ReadonlySet<NoticeKind> = new Set([
  NoticeKind.REQUEST_FOR_ASSISTANCE,
  NoticeKind.INFORMATION_REQUEST,
  NoticeKind.FIREARMS_TRACE_REQUEST,
  NoticeKind.JOINT_OPERATION,
]);

/** True for a notice kind, given as its number or its protobuf JSON name, that asks for an answer. */
export function isRequestKind(kind: NoticeKind | string): boolean {
  const value =
    typeof kind === 'string' ? NoticeKindSchema.values.find((known) => known.name === kind)?.number : kind;
  return value !== undefined && REQUEST_KINDS.has(value);
}
