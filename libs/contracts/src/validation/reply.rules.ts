import type { Reply } from '../gen/borderlink/v1/reply_pb.js';
import { TraceStatus } from '../gen/borderlink/v1/notice_pb.js';
import { checkAddressees } from './addressees.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkHandling } from './handling.rules.js';
import { checkId } from './id.rules.js';
import { checkLocalizedTexts } from './text.rules.js';
import { checkTraceResult, checkTraceStatus } from './trace.rules.js';
import type { ValidationContext, Violation } from './violation.js';

/**
 * Rules of a reply within a thread. It answers an alert or a notice, and says something: a text, a
 * new trace status (with what the trace established when traced), or both. Handling and addressees are optional (the thread's participants receive it),
 * and checked when given.
 */
export function validateReply(reply: Reply, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, reply, ctx);
  checkId(out, 'notice', reply.notice, true);
  checkId(out, 'thread', reply.thread, false);
  checkLocalizedTexts(out, 'texts', reply.texts, reply.traceStatus === TraceStatus.UNSPECIFIED);
  checkHandling(out, 'handling', reply.handling, false);
  checkAddressees(out, 'addressees', reply.addressees, reply.sender, ctx, false);
  checkTraceStatus(
    out,
    { status: 'traceStatus', reason: 'traceStatusReason' },
    reply.traceStatus,
    reply.traceStatusReason,
  );
  checkTraceResult(out, 'traceResult', reply.traceStatus, reply.traceResult);
  return out;
}
