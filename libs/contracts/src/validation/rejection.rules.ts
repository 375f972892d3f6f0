import type { Rejection } from '../gen/borderlink/v1/rejection_pb.js';
import { RejectionReasonSchema } from '../gen/borderlink/v1/rejection_pb.js';
import { checkEnum } from './enum.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkId } from './id.rules.js';
import { LIMITS } from './limits.js';
import { checkCount } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import { checkText } from './text.rules.js';
import type { ValidationContext, Violation } from './violation.js';

/**
 * Rules of the hub's rejection. `message` is empty when the refused message's id could not be read
 * or is not a well-formed id itself (the hub checks with isMessageId before quoting it).
 */
export function validateRejection(rejection: Rejection, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  checkEnvelope(out, rejection, ctx);
  checkId(out, 'message', rejection.message, false);
  checkText(out, 'subject', rejection.subject, { max: LIMITS.subjectMaxLength });
  checkEnum(out, 'reason', RejectionReasonSchema, rejection.reason, true);
  checkText(out, 'detail', rejection.detail, { max: LIMITS.reasonMaxLength, multiline: true });
  checkCount(out, 'violations', rejection.violations, LIMITS.maxViolations);
  rejection.violations.forEach((violation, index) => {
    const at = itemPath('violations', index);
    checkText(out, fieldPath(at, 'field'), violation.field, {
      max: LIMITS.violationFieldMaxLength,
      required: true,
    });
    checkText(out, fieldPath(at, 'reason'), violation.reason, {
      max: LIMITS.violationReasonMaxLength,
      required: true,
    });
  });
  return out;
}
