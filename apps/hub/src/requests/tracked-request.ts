import { toJson } from '@bufbuild/protobuf';
import { timestampDate } from '@bufbuild/protobuf/wkt';
import { HandlingSchema, isRequestKind, type Notice } from '#contracts';
import type { FollowUp, UnansweredRequest } from '../delivery/delivery.service.js';

export type { FollowUp };

/** Where one addressee stands with a request, as far as the hub routed its answers. */
export type AnswerState = 'open' | 'acknowledged' | 'answered' | 'declined';

/** What the hub keeps of a request to follow it up, without its content: also its signed sent time (Unix ms). */
export interface TrackedRequest extends UnansweredRequest {
  sent: number;
}

/** When each follow-up of `request` falls due: at its deadline, and at one and a half times the time allowed. */
export function dueTimes(request: Pick<TrackedRequest, 'sent' | 'deadline'>): Record<FollowUp, number> {
  // Whole milliseconds: Redis takes expiry times as integers.
  return {
    overdue: request.deadline,
    escalated: request.sent + Math.round(1.5 * (request.deadline - request.sent)),
  };
}

/** What the hub keeps of `notice` when it asks for an answer by a deadline; undefined for any other. */
export function trackedRequestOf(notice: Notice): TrackedRequest | undefined {
  if (!isRequestKind(notice.kind) || notice.deadline === undefined || notice.sent === undefined)
    return undefined;
  return {
    id: notice.id,
    requester: notice.sender,
    kind: notice.kind,
    priority: notice.priority,
    sent: timestampDate(notice.sent).getTime(),
    deadline: timestampDate(notice.deadline).getTime(),
    ...(notice.handling === undefined ? {} : { handling: toJson(HandlingSchema, notice.handling) }),
  };
}

/** How far each answer state is along `open → acknowledged → answered | declined`. */
export const ANSWER_RANK: Readonly<Record<AnswerState, number>> = {
  open: 0,
  acknowledged: 1,
  answered: 2,
  declined: 2,
};

/** A request rebuilt from the streams: each addressee's answer, and the follow-ups not yet issued. */
export interface RebuiltRequest {
  request: TrackedRequest;
  answers: Map<string, AnswerState>;
  pending: Array<{ addressee: string; stage: FollowUp }>;
}
