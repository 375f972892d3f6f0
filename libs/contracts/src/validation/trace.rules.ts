import { TraceStatus, TraceStatusSchema, type TraceResult } from '../gen/borderlink/v1/notice_pb.js';
import { checkEnum } from './enum.rules.js';
import { LIMITS } from './limits.js';
import { fieldPath } from './path.js';
import { checkText } from './text.rules.js';
import { checkTimestamp } from './time.rules.js';
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

/**
 * Checks what a trace established: required with TRACE_STATUS_ANSWERED (traced), and only then; a
 * summary in words, and where known the last legal holder and the transfers, oldest first.
 */
export function checkTraceResult(
  out: Violations,
  path: string,
  status: TraceStatus,
  result: TraceResult | undefined,
): void {
  if (result === undefined) {
    if (status === TraceStatus.ANSWERED)
      out.push({ field: path, reason: 'is required when the status is ANSWERED' });
    return;
  }
  if (status !== TraceStatus.ANSWERED)
    out.push({ field: path, reason: 'is allowed only when the status is ANSWERED' });
  checkText(out, fieldPath(path, 'summary'), result.summary, {
    max: LIMITS.narrativeMaxLength,
    multiline: true,
    required: true,
  });
  checkText(out, fieldPath(path, 'lastLegalHolder'), result.lastLegalHolder, {
    max: LIMITS.shortTextMaxLength,
  });
  checkText(out, fieldPath(path, 'holderCountry'), result.holderCountry, { max: LIMITS.shortTextMaxLength });
  if (result.transfers.length > LIMITS.maxTransfers) {
    out.push({ field: fieldPath(path, 'transfers'), reason: `must list at most ${LIMITS.maxTransfers}` });
  }
  result.transfers.slice(0, LIMITS.maxTransfers).forEach((transfer, i) => {
    const at = `${fieldPath(path, 'transfers')}[${i}]`;
    checkText(out, fieldPath(at, 'party'), transfer.party, {
      max: LIMITS.shortTextMaxLength,
      required: true,
    });
    checkText(out, fieldPath(at, 'country'), transfer.country, { max: LIMITS.shortTextMaxLength });
    checkTimestamp(out, fieldPath(at, 'date'), transfer.date, false);
    checkText(out, fieldPath(at, 'document'), transfer.document, { max: LIMITS.shortTextMaxLength });
  });
}
