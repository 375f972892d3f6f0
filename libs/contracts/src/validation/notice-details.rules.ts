import { CategorySchema, ImpactLevel, ImpactLevelSchema } from '../gen/borderlink/v1/common_pb.js';
import type {
  ImpactLevelChange,
  JointOperation,
  Meeting,
  Notice,
  SituationReport,
  TraceRequest,
} from '../gen/borderlink/v1/notice_pb.js';
import { NoticeKind, NoticeKindSchema } from '../gen/borderlink/v1/notice_pb.js';
import { checkGroupId, checkNode } from './addressees.rules.js';
import { checkEnum } from './enum.rules.js';
import { checkId } from './id.rules.js';
import { checkWeapon } from './item.rules.js';
import { LIMITS } from './limits.js';
import { checkCount, checkUnique } from './list.rules.js';
import { fieldPath, itemPath } from './path.js';
import { checkRegistryId, sectionRef } from './registry-ref.rules.js';
import { checkText } from './text.rules.js';
import { checkPeriod } from './time.rules.js';
import { checkTraceStatus } from './trace.rules.js';
import type { ValidationContext, Violations } from './violation.js';

type DetailsCase = NonNullable<Notice['details']['case']>;

/** The details each notice kind carries; kinds not listed carry none. */
const DETAILS_OF_KIND: ReadonlyMap<NoticeKind, { case: DetailsCase; required: boolean }> = new Map([
  [NoticeKind.FIREARMS_TRACE_REQUEST, { case: 'trace', required: true }],
  [NoticeKind.JOINT_OPERATION, { case: 'operation', required: true }],
  [NoticeKind.IMPACT_LEVEL_CHANGE, { case: 'impactChange', required: true }],
  [NoticeKind.MEETING, { case: 'meeting', required: false }],
  [NoticeKind.SITUATION_REPORT, { case: 'situation', required: false }],
]);

/** A firearms trace request with what the UN International Tracing Instrument (2005, section V) asks for. */
function checkTrace(out: Violations, path: string, trace: TraceRequest): void {
  const item = fieldPath(path, 'item');
  if (trace.item === undefined) out.push({ field: item, reason: 'is required' });
  else checkWeapon(out, item, trace.item, 'trace');
  const narrative = { max: LIMITS.narrativeMaxLength, multiline: true };
  checkText(out, fieldPath(path, 'illicitNature'), trace.illicitNature, { ...narrative, required: true });
  checkText(out, fieldPath(path, 'legalBasis'), trace.legalBasis, narrative);
  checkText(out, fieldPath(path, 'circumstances'), trace.circumstances, narrative);
  checkText(out, fieldPath(path, 'intendedUse'), trace.intendedUse, { ...narrative, required: true });
  checkTraceStatus(
    out,
    { status: fieldPath(path, 'status'), reason: fieldPath(path, 'statusReason') },
    trace.status,
    trace.statusReason,
  );
  checkId(out, fieldPath(path, 'seizureAlert'), trace.seizureAlert, false);
}

/** A joint operation with its closed user group (WCO CENcomm: one group per operation, owned by a node). */
function checkOperation(
  out: Violations,
  path: string,
  operation: JointOperation,
  ctx: ValidationContext,
): void {
  checkText(out, fieldPath(path, 'name'), operation.name, { max: LIMITS.shortTextMaxLength, required: true });
  checkGroupId(out, fieldPath(path, 'group'), operation.group, true);
  if (operation.owner !== '') checkNode(out, fieldPath(path, 'owner'), operation.owner, ctx);
  checkPeriod(out, path, ['starts', 'ends'], operation.starts, operation.ends);
}

function checkMeeting(out: Violations, path: string, meeting: Meeting): void {
  checkPeriod(out, path, ['starts', 'ends'], meeting.starts, meeting.ends);
  checkText(out, fieldPath(path, 'location'), meeting.location, { max: LIMITS.shortTextMaxLength });
}

/** A situation report: per border section and category, its impact level and event count (EUROSUR). */
function checkSituation(
  out: Violations,
  path: string,
  report: SituationReport,
  ctx: ValidationContext,
): void {
  checkPeriod(out, path, ['periodStart', 'periodEnd'], report.periodStart, report.periodEnd);
  const sections = fieldPath(path, 'sections');
  checkCount(out, sections, report.sections, LIMITS.maxSituationSections);
  report.sections.forEach((status, index) => {
    const at = itemPath(sections, index);
    checkRegistryId(out, fieldPath(at, 'borderSection'), status.borderSection, sectionRef(ctx), true);
    checkEnum(out, fieldPath(at, 'impact'), ImpactLevelSchema, status.impact, true);
    checkEnum(out, fieldPath(at, 'category'), CategorySchema, status.category, false);
    if (status.events > LIMITS.maxSectionEvents) {
      out.push({ field: fieldPath(at, 'events'), reason: `must be at most ${LIMITS.maxSectionEvents}` });
    }
  });
  checkUnique(
    out,
    sections,
    report.sections,
    (status) => `${status.borderSection}/${status.category}`,
    'the border section and category',
  );
}

/** A change of a border section's impact level (EUROSUR), announced to the section's subscribers. */
function checkImpactChange(
  out: Violations,
  path: string,
  change: ImpactLevelChange,
  ctx: ValidationContext,
): void {
  checkRegistryId(out, fieldPath(path, 'borderSection'), change.borderSection, sectionRef(ctx), true);
  checkEnum(out, fieldPath(path, 'from'), ImpactLevelSchema, change.from, true);
  checkEnum(out, fieldPath(path, 'to'), ImpactLevelSchema, change.to, true);
  if (change.from !== ImpactLevel.UNSPECIFIED && change.from === change.to) {
    out.push({ field: fieldPath(path, 'to'), reason: 'must differ from the previous level' });
  }
}

/** Checks that a notice carries the details its kind needs, and no other kind's details. */
export function checkNoticeDetails(out: Violations, notice: Notice, ctx: ValidationContext): void {
  const { kind, details } = notice;
  const kindName = NoticeKindSchema.value[kind]?.name;
  if (kind === NoticeKind.UNSPECIFIED || kindName === undefined) return;
  const expected = DETAILS_OF_KIND.get(kind);
  if (details.case !== undefined && details.case !== expected?.case) {
    out.push({ field: details.case, reason: `does not belong to a ${kindName} notice` });
    return;
  }
  if (details.case === undefined) {
    if (expected?.required) out.push({ field: expected.case, reason: `is required for ${kindName}` });
    return;
  }
  switch (details.case) {
    case 'trace':
      checkTrace(out, details.case, details.value);
      break;
    case 'operation':
      checkOperation(out, details.case, details.value, ctx);
      break;
    case 'meeting':
      checkMeeting(out, details.case, details.value);
      break;
    case 'situation':
      checkSituation(out, details.case, details.value, ctx);
      break;
    case 'impactChange':
      checkImpactChange(out, details.case, details.value, ctx);
      break;
  }
}
