import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import { WeaponSchema, WeaponType } from '../gen/borderlink/v1/alert_pb.js';
import {
  Category,
  EvaluationSchema,
  ImpactLevel,
  InformationReliability,
  SourceReliability,
} from '../gen/borderlink/v1/common_pb.js';
import { NoticeKind, NoticeSchema, Priority, TraceStatus } from '../gen/borderlink/v1/notice_pb.js';
import { FIXTURE_NOW, fixtureContext, validNotice } from '../../test/message.fixtures.js';
import { validateMessage } from './validate-message.js';

type Notice = ReturnType<typeof validNotice>;
type Details = Parameters<typeof create<typeof NoticeSchema>>[1] extends infer I
  ? I extends { details?: infer D }
    ? D
    : never
  : never;

const at = (offsetMs: number) => timestampFromDate(new Date(FIXTURE_NOW.getTime() + offsetMs));
const HOUR = 3_600_000;
const violationsOf = (notice: Notice) => validateMessage('notice', notice, fixtureContext());

function noticeOf(kind: NoticeKind, details: Details) {
  const notice = validNotice();
  notice.kind = kind;
  notice.details = create(NoticeSchema, { details }).details;
  return notice;
}

function traceNotice(trace: Record<string, unknown>) {
  const notice = validNotice();
  if (notice.details.case !== 'trace') throw new Error('fixture is a trace request');
  Object.assign(notice.details.value, trace);
  return notice;
}

describe('notice', () => {
  it('requires a kind, a status and a priority', () => {
    const notice = validNotice();
    notice.status = 0;
    notice.priority = 0;
    expect(violationsOf(notice)).toEqual([
      { field: 'status', reason: 'is required' },
      { field: 'priority', reason: 'is required' },
    ]);
    notice.kind = 0;
    expect(violationsOf(notice)).toContainEqual({ field: 'kind', reason: 'is required' });
  });

  it('accepts a deadline after the sent time and refuses one before it', () => {
    const notice = validNotice();
    notice.priority = Priority.URGENT;
    notice.deadline = at(8 * HOUR);
    expect(violationsOf(notice)).toEqual([]);
    notice.deadline = at(-2 * HOUR);
    expect(violationsOf(notice)).toEqual([{ field: 'deadline', reason: 'must be after sent' }]);
  });

  it('checks thread, references, regions, category and evaluation when given', () => {
    const notice = validNotice();
    notice.thread = notice.id;
    notice.references = ['0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01'];
    notice.evaluation = create(EvaluationSchema, {
      source: SourceReliability.A,
      information: InformationReliability.INFORMATION_RELIABILITY_1,
    });
    expect(violationsOf(notice)).toEqual([]);
    notice.thread = 'thread/1';
    notice.references = [notice.id];
    notice.regions = ['nowhere'];
    notice.category = 99 as Category;
    notice.evaluation = { ...notice.evaluation, information: 0 };
    expect(violationsOf(notice)).toEqual([
      { field: 'thread', reason: "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'" },
      { field: 'evaluation.information', reason: 'is required' },
      { field: 'regions[0]', reason: "unknown region 'nowhere'" },
      { field: 'category', reason: 'unknown Category value 99' },
      { field: 'references[0]', reason: 'must not be the message itself' },
    ]);
  });

  it('refuses details that belong to another kind', () => {
    const notice = validNotice();
    notice.kind = NoticeKind.INFORMATION_REQUEST;
    expect(violationsOf(notice)).toEqual([
      { field: 'trace', reason: 'does not belong to a NOTICE_KIND_INFORMATION_REQUEST notice' },
    ]);
  });

  it('accepts a request for assistance without details', () => {
    expect(violationsOf(noticeOf(NoticeKind.REQUEST_FOR_ASSISTANCE, { case: undefined }))).toEqual([]);
  });
});

describe('firearms trace request', () => {
  it('requires the trace details', () => {
    expect(violationsOf(noticeOf(NoticeKind.FIREARMS_TRACE_REQUEST, { case: undefined }))).toEqual([
      { field: 'trace', reason: 'is required for NOTICE_KIND_FIREARMS_TRACE_REQUEST' },
    ]);
  });

  it('requires the item, its illicit nature and the intended use of the answer', () => {
    expect(violationsOf(traceNotice({ item: undefined, illicitNature: '', intendedUse: ' ' }))).toEqual([
      { field: 'trace.item', reason: 'is required' },
      { field: 'trace.illicitNature', reason: 'is required' },
      { field: 'trace.intendedUse', reason: 'must not be blank' },
    ]);
  });

  it('requires the item type, calibre, and a serial number or markings', () => {
    const notice = traceNotice({ item: create(WeaponSchema) });
    expect(violationsOf(notice)).toEqual([
      { field: 'trace.item.type', reason: 'is required' },
      { field: 'trace.item.calibre', reason: 'is required' },
      { field: 'trace.item.serialNumber', reason: 'is required when there are no markings' },
    ]);
    const marked = create(WeaponSchema, {
      type: WeaponType.PISTOL,
      calibre: '9x19mm',
      markings: 'FN Herstal, Belgium',
    });
    expect(violationsOf(traceNotice({ item: marked }))).toEqual([]);
  });

  it('traces one item at a time', () => {
    const item = create(WeaponSchema, {
      type: WeaponType.RIFLE,
      calibre: '7.62x54R',
      serialNumber: 'N 4411',
      quantity: 2,
    });
    expect(violationsOf(traceNotice({ item }))).toEqual([
      { field: 'trace.item.quantity', reason: 'must be 1: a trace concerns one item' },
    ]);
  });

  it.each([TraceStatus.DECLINED, TraceStatus.DELAYED])('requires a reason for trace status %i', (status) => {
    expect(violationsOf(traceNotice({ status }))).toEqual([
      { field: 'trace.statusReason', reason: 'is required when the status is DECLINED or DELAYED' },
    ]);
    expect(
      violationsOf(traceNotice({ status, statusReason: 'Ongoing investigation in the requested State' })),
    ).toEqual([]);
  });

  it('refuses a status reason without a status, and a malformed seizure alert id', () => {
    expect(violationsOf(traceNotice({ status: 0, statusReason: 'why', seizureAlert: 'a b' }))).toEqual([
      { field: 'trace.status', reason: 'is required with trace.statusReason' },
      { field: 'trace.seizureAlert', reason: "must be 1 to 128 characters of A-Z, a-z, 0-9, '_' or '-'" },
    ]);
  });
});

describe('joint operation, meeting, situation report and impact level change', () => {
  it('requires an operation with a name and a closed user group', () => {
    expect(violationsOf(noticeOf(NoticeKind.JOINT_OPERATION, { case: undefined }))).toEqual([
      { field: 'operation', reason: 'is required for NOTICE_KIND_JOINT_OPERATION' },
    ]);
    const empty = noticeOf(NoticeKind.JOINT_OPERATION, { case: 'operation', value: {} });
    expect(violationsOf(empty)).toEqual([
      { field: 'operation.name', reason: 'is required' },
      { field: 'operation.group', reason: 'is required' },
    ]);
    const operation = {
      name: 'Kanal-Panj 2025',
      group: 'op-kanal-panj',
      owner: 'tj-border',
      starts: at(HOUR),
      ends: at(72 * HOUR),
    };
    expect(
      violationsOf(noticeOf(NoticeKind.JOINT_OPERATION, { case: 'operation', value: operation })),
    ).toEqual([]);
  });

  it('refuses an unknown operation owner and an operation that ends before it starts', () => {
    const operation = {
      name: 'Kanal',
      group: 'op-kanal',
      owner: 'nobody',
      starts: at(2 * HOUR),
      ends: at(HOUR),
    };
    expect(
      violationsOf(noticeOf(NoticeKind.JOINT_OPERATION, { case: 'operation', value: operation })),
    ).toEqual([
      { field: 'operation.owner', reason: "unknown node 'nobody'" },
      { field: 'operation.ends', reason: 'must be after starts' },
    ]);
  });

  it('accepts a meeting without details and checks them when given', () => {
    expect(violationsOf(noticeOf(NoticeKind.MEETING, { case: undefined }))).toEqual([]);
    const meeting = { starts: at(5 * HOUR), ends: at(4 * HOUR), location: 'Termez, bridge checkpoint' };
    expect(violationsOf(noticeOf(NoticeKind.MEETING, { case: 'meeting', value: meeting }))).toEqual([
      { field: 'meeting.ends', reason: 'must be after starts' },
    ]);
  });

  it('checks the sections of a situation report', () => {
    const situation = {
      periodStart: at(-24 * HOUR),
      periodEnd: at(0),
      sections: [
        {
          borderSection: 'tj-af-panj',
          impact: ImpactLevel.HIGH,
          category: Category.DRUG_TRAFFICKING,
          events: 14,
        },
        {
          borderSection: 'tj-af-panj',
          impact: ImpactLevel.LOW,
          category: Category.SMALL_ARMS_LIGHT_WEAPONS,
          events: 1,
        },
      ],
    };
    expect(
      violationsOf(noticeOf(NoticeKind.SITUATION_REPORT, { case: 'situation', value: situation })),
    ).toEqual([]);
    situation.sections.push({
      borderSection: 'kz-cn',
      impact: 0,
      category: Category.DRUG_TRAFFICKING,
      events: 1,
    });
    situation.sections.push({ ...situation.sections[0]! });
    expect(
      violationsOf(noticeOf(NoticeKind.SITUATION_REPORT, { case: 'situation', value: situation })),
    ).toEqual([
      { field: 'situation.sections[2].borderSection', reason: "unknown border section 'kz-cn'" },
      { field: 'situation.sections[2].impact', reason: 'is required' },
      {
        field: 'situation.sections[3]',
        reason: 'repeats the border section and category of situation.sections[0]',
      },
    ]);
  });

  it('requires an impact level change of a known section to a different level', () => {
    const change = { borderSection: 'tj-af-panj', from: ImpactLevel.MEDIUM, to: ImpactLevel.HIGH };
    expect(
      violationsOf(noticeOf(NoticeKind.IMPACT_LEVEL_CHANGE, { case: 'impactChange', value: change })),
    ).toEqual([]);
    expect(violationsOf(noticeOf(NoticeKind.IMPACT_LEVEL_CHANGE, { case: undefined }))).toEqual([
      { field: 'impactChange', reason: 'is required for NOTICE_KIND_IMPACT_LEVEL_CHANGE' },
    ]);
    const same = { borderSection: 'nowhere', from: ImpactLevel.HIGH, to: ImpactLevel.HIGH };
    expect(
      violationsOf(noticeOf(NoticeKind.IMPACT_LEVEL_CHANGE, { case: 'impactChange', value: same })),
    ).toEqual([
      { field: 'impactChange.borderSection', reason: "unknown border section 'nowhere'" },
      { field: 'impactChange.to', reason: 'must differ from the previous level' },
    ]);
  });
});
