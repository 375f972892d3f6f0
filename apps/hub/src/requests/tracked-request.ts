import type { JsonValue } from '@bufbuild/protobuf';
import { NoticeKind, type Notice, type Priority } from '#contracts';

/** The notice kinds that ask their addressees for an answer by a deadline. */
export const REQUEST_KINDS: ReadonlySet<NoticeKind> = new Set([
  NoticeKind.REQUEST_FOR_ASSISTANCE,
  NoticeKind.INFORMATION_REQUEST,
  NoticeKind.FIREARMS_TRACE_REQUEST,
  NoticeKind.JOINT_OPERATION,
]);

/** Where one addressee stands with a request, as far as the hub routed its answers. */
export type AnswerState = 'open' | 'acknowledged' | 'answered' | 'declined';

/** The stages at which an unanswered request is followed up. */
export type FollowUp = 'overdue' | 'escalated';

/** What the hub keeps of a request to follow it up, without its content. */
export interface TrackedRequest {
  id: string;
  requester: string;
  kind: NoticeKind;
  priority: Priority;
  /** Unix ms: the request's signed sent time and its deadline. */
  sent: number;
  deadline: number;
  /** Its handling (protobuf JSON), carried by every follow-up so only who may see the request learns of it. */
  handling?: JsonValue;
}

/** When each follow-up of `request` falls due: at its deadline, and at one and a half times the time allowed. */
export function dueTimes(request: Pick<TrackedRequest, 'sent' | 'deadline'>): Record<FollowUp, number> {
  // Whole milliseconds: Redis takes expiry times as integers.
  return {
    overdue: request.deadline,
    escalated: request.sent + Math.round(1.5 * (request.deadline - request.sent)),
  };
}

/** True for a notice that asks for an answer by a deadline. */
export function isRequest(notice: Notice): boolean {
  return REQUEST_KINDS.has(notice.kind) && notice.deadline !== undefined;
}
