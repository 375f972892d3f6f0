import { CategorySchema, StatusSchema } from '../gen/borderlink/v1/common_pb.js';
import type { Notice } from '../gen/borderlink/v1/notice_pb.js';
import { NoticeKindSchema, PrioritySchema } from '../gen/borderlink/v1/notice_pb.js';
import { checkAddressees } from './addressees.rules.js';
import { checkRegions } from './area.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkEnvelope } from './envelope.rules.js';
import { checkEvaluation } from './evaluation.rules.js';
import { checkHandling } from './handling.rules.js';
import { checkId, checkIdList } from './id.rules.js';
import { checkNoticeDetails } from './notice-details.rules.js';
import { checkLocalizedTexts } from './text.rules.js';
import { checkAfter, checkTimestamp } from './time.rules.js';
import type { ValidationContext, Violation } from './violation.js';

/**
 * Rules of a coordination notice: explicit addressees (so TLP:RED needs nothing more), a kind and a priority (which sets the answer
 * deadline when none is given), texts with an original, handling, and the details its kind needs.
 */
export function validateNotice(notice: Notice, ctx: ValidationContext): Violation[] {
  const out: Violation[] = [];
  const sent = checkEnvelope(out, notice, ctx);
  checkEnum(out, 'kind', NoticeKindSchema, notice.kind, true);
  checkEnum(out, 'status', StatusSchema, notice.status, true);
  checkEnum(out, 'priority', PrioritySchema, notice.priority, true);
  const deadline = checkTimestamp(out, 'deadline', notice.deadline, false);
  checkAfter(out, 'deadline', deadline, sent, 'sent');
  checkId(out, 'thread', notice.thread, false);
  checkLocalizedTexts(out, 'texts', notice.texts, true);
  checkAddressees(out, 'addressees', notice.addressees, notice.sender, ctx, true);
  checkHandling(out, 'handling', notice.handling, true);
  checkEvaluation(out, 'evaluation', notice.evaluation, false);
  checkRegions(out, 'regions', notice.regions, ctx, false);
  checkEnum(out, 'category', CategorySchema, notice.category, false);
  checkIdList(out, 'references', notice.references, notice.id);
  checkNoticeDetails(out, notice, ctx);
  return out;
}
