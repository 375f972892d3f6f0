import { TraceStatus, TraceStatusSchema } from '../gen/borderlink/v1/notice_pb.js';
import { checkEnum } from './enum.rules.js';
import { LIMITS } from './limits.js';
import { checkText } from './text.rules.js';
import type { Violations } from './violation.js';

/** Statuses that must say why (UN ITI: a requested State may delay or restrict its answer, with reasons). */
const NEEDS_REASON: ReadonlySet<TraceStatus> = new Set([TraceStatus.DECLINED, TraceStatus.DELAYED]);

/** Checks a firearms trace status and its reason, wherever the pair appears (request or reply). */
export function checkTraceStatus(
  out: Violations,
  paths: { status: string; reason: string },
  status: TraceStatus,
  reason: string,
): void {
  checkEnum(out, paths.status, TraceStatusSchema, status, false);
  if (NEEDS_REASON.has(status) && reason.trim() === '') {
    out.push({ field: paths.reason, reason: 'is required when the status is DECLINED or DELAYED' });
  }
  checkText(out, paths.reason, reason, { max: LIMITS.reasonMaxLength, multiline: true });
  if (reason !== '' && status === TraceStatus.UNSPECIFIED) {
    out.push({ field: paths.status, reason: `is required with ${paths.reason}` });
  }
}
