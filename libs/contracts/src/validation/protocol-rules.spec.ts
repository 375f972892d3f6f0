// docs/protocol.md's table of validation rules and of limits, checked against the schema and the rules,
// so the document partners write clients from cannot drift from what the hub enforces.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create, type DescMessage } from '@bufbuild/protobuf';
import { TimestampSchema, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  contextKnowing,
  FIXTURE_IDS,
  FIXTURE_NOW,
  validAlert,
  validDeliveredBatch,
  validGroupChange,
  validNodeHeartbeat,
  validNotice,
  validReceipt,
  validRelease,
  validReply,
  validSubscriptionChange,
} from '../../test/message.fixtures.js';
import {
  AlertType,
  CapAreaSchema,
  CapInfoSchema,
  CapOriginSchema,
  SeizedItemSchema,
  type CapArea,
  type CapInfo,
  type CapOrigin,
} from '../gen/borderlink/v1/alert_pb.js';
import { HandlingCode, ImpactLevel, Tlp } from '../gen/borderlink/v1/common_pb.js';
import {
  ImpactLevelChangeSchema,
  JointOperationSchema,
  MeetingSchema,
  NoticeKind,
  SectionStatusSchema,
  SituationReportSchema,
  TraceResultSchema,
  TraceStatus,
  TransferStepSchema,
} from '../gen/borderlink/v1/notice_pb.js';
import { HeartbeatSchema, type Heartbeat } from '../gen/borderlink/v1/heartbeat_pb.js';
import { ReceiptKind } from '../gen/borderlink/v1/receipt_pb.js';
import { ReleaseDecisionSchema } from '../gen/borderlink/v1/release_pb.js';
import { MESSAGE_SCHEMAS, NODE_SENDABLE_KINDS, type MessageOf, type SendableKind } from '../message-kinds.js';
import { validateHeartbeat } from './heartbeat.rules.js';
import { LIMITS } from './limits.js';
import { validateMessage } from './validate-message.js';

const PROTOCOL = readFileSync(join(import.meta.dirname, '../../../../docs/protocol.md'), 'utf8');
const KINDS: readonly SendableKind[] = NODE_SENDABLE_KINDS;
// Rows whose rule is only a pointer to the fields below them, or says there is none.
const NO_RULE = new Set(['see its fields', 'none']);

/** The rows of the markdown table that follows `heading`, cells trimmed and without backticks. */
function tableAfter(heading: string): string[][] {
  const start = PROTOCOL.indexOf(`\n${heading}\n`);
  if (start === -1) throw new Error(`no "${heading}" in docs/protocol.md`);
  const lines = PROTOCOL.slice(start).split('\n');
  const first = lines.findIndex((line) => line.startsWith('|'));
  const rows: string[][] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((cell) => cell.trim().replaceAll('`', '')),
    );
  }
  return rows;
}

interface RuleRow {
  /** `messages|field`, as the probes are keyed. */
  key: string;
  kinds: SendableKind[];
  field: string;
  rule: string;
}

const RULES: RuleRow[] = tableAfter('## 10. Validation rules').map(
  ([messages = '', field = '', rule = '']) => ({
    key: `${messages}|${field}`,
    kinds: messages === 'all' ? [...KINDS] : (messages.split(', ') as SendableKind[]),
    field,
    rule,
  }),
);

/** Every field path of a message type, lists marked `[]`, nested messages walked (timestamps are values). */
function fieldPaths(desc: DescMessage, prefix = ''): string[] {
  return desc.fields.flatMap((field) => {
    const path = `${prefix}${field.jsonName}${field.fieldKind === 'list' ? '[]' : ''}`;
    const nested =
      field.fieldKind === 'message' || (field.fieldKind === 'list' && field.listKind === 'message')
        ? field.message
        : undefined;
    if (nested === undefined || nested.typeName.startsWith('google.protobuf.')) return [path];
    return [path, ...fieldPaths(nested, `${path}.`)];
  });
}

const CONTEXT = contextKnowing(FIXTURE_IDS, FIXTURE_NOW);
const DAY_MS = 86_400_000;
const long = (n: number): string => 'x'.repeat(n + 1);
const INVALID_TIME = create(TimestampSchema, { seconds: 999_999_999_999n });
// An enum number the schema does not define (proto3 enums are open).
const UNKNOWN = 99 as never;

const VALID: { [K in SendableKind]: () => MessageOf<K> } = {
  alert: validAlert,
  notice: validNotice,
  reply: validReply,
  receipt: validReceipt,
  delivered: validDeliveredBatch,
  release: validRelease,
  group: validGroupChange,
  subscription: validSubscriptionChange,
};

/** How to break one documented rule: on a valid message of `kind` (the row's first), found on `field`. */
interface Probe<M = never> {
  kind?: SendableKind;
  /** The violation's field, when it is not the row's own (a oneof reports its name). */
  field?: string;
  breaks(message: M): void;
}

type Alert = MessageOf<'alert'>;
type Notice = MessageOf<'notice'>;

const alert = (breaks: (m: Alert) => void): Probe<Alert> => ({ breaks });
const notice = (breaks: (m: Notice) => void): Probe<Notice> => ({ kind: 'notice', breaks });
const withExplosive = (m: Alert, value: object): void => {
  m.items.push(
    create(SeizedItemSchema, { item: { case: 'explosive', value: { type: 1, quantity: 1, ...value } } }),
  );
};
const withOther = (m: Alert, value: object): void => {
  const other = { description: 'fuel', quantity: 10, unit: 'l', ...value };
  m.items.push(create(SeizedItemSchema, { item: { case: 'other', value: other } }));
};
// The fields of a nested message, to set one to what its rule refuses.
type Fields = Record<string, unknown>;
const weapon = (m: Alert) => m.items[0]!.item.value as unknown as Fields;
const ammunition = (m: Alert) => m.items[1]!.item.value as unknown as Fields;
const trace = (m: Notice) => m.details.value as unknown as Fields;
const traceItem = (m: Notice) => trace(m)['item'] as Fields;
const joint = (m: Notice, value: object): void => {
  m.kind = NoticeKind.JOINT_OPERATION;
  m.details = {
    case: 'operation',
    value: create(JointOperationSchema, { name: 'Op', group: 'op-x', ...value }),
  };
};
const meeting = (m: Notice, value: object): void => {
  m.kind = NoticeKind.MEETING;
  m.details = { case: 'meeting', value: create(MeetingSchema, value) };
};
const situation = (m: Notice, value: object): void => {
  m.kind = NoticeKind.SITUATION_REPORT;
  m.details = { case: 'situation', value: create(SituationReportSchema, value) };
};
const section = (value: object) =>
  create(SectionStatusSchema, { borderSection: 'tj-af-panj', impact: ImpactLevel.LOW, ...value });
const impactChange = (m: Notice, value: object): void => {
  m.kind = NoticeKind.IMPACT_LEVEL_CHANGE;
  const change = { borderSection: 'tj-af-panj', from: ImpactLevel.LOW, to: ImpactLevel.HIGH, ...value };
  m.details = { case: 'impactChange', value: create(ImpactLevelChangeSchema, change) };
};
const transfer = (value: object) => create(TransferStepSchema, { party: 'Izhmash', country: 'RU', ...value });
const traced = (m: MessageOf<'reply'>, value: object): void => {
  m.traceStatus = TraceStatus.ANSWERED;
  m.traceResult = create(TraceResultSchema, { summary: 'Exported in 1989 to the armed forces.', ...value });
};
const before = (m: { sent?: { seconds: bigint } }) =>
  timestampFromDate(new Date(Number(m.sent!.seconds) * 1000 - 1000));

// An alert as imported from CAP (protocol 1.4), whose kept document `breaks` then changes.
const withCap = (breaks: (cap: CapOrigin, info: CapInfo, area: CapArea) => void): Probe<Alert> =>
  alert((m) => {
    const area = create(CapAreaSchema, {
      description: 'Panj',
      polygons: [{ vertices: [1, 2, 3, 1].map((lat) => ({ lat, lon: 68 })) }],
      circles: [{ center: { lat: 37, lon: 68 }, radiusKm: 5 }],
      geocodes: [{ name: 'borderlink:section', value: 'tj-af-panj' }],
    });
    const info = create(CapInfoSchema, {
      categories: ['Security'],
      event: 'Crossing',
      eventCodes: [{ name: 'SAME', value: 'LEW' }],
      parameters: [{ name: 'HSAS', value: 'ORANGE' }],
      resources: [{ description: 'Map', mimeType: 'image/png' }],
      areas: [area],
    });
    const infos = m.texts.map(() => info);
    m.cap = create(CapOriginSchema, { identifier: 'x', sender: 'ops@example', sent: m.sent, infos });
    breaks(m.cap, info, area);
  });
const many = <T>(value: T, count: number): T[] => Array.from({ length: count }, () => value);
const CAP_PROBES: Record<string, Probe<Alert>> = {
  'alert|cap.identifier': withCap((c) => (c.identifier = '')),
  'alert|cap.sender': withCap((c) => (c.sender = long(256))),
  'alert|cap.sent': withCap((c) => (c.sent = undefined)),
  'alert|cap.source': withCap((c) => (c.source = long(1000))),
  'alert|cap.codes[]': withCap((c) => (c.codes = [''])),
  'alert|cap.note': withCap((c) => (c.note = long(8000))),
  'alert|cap.references[]': withCap((c) => (c.references = many('r', 65))),
  'alert|cap.incidents': withCap((c) => (c.incidents = 'a\u0000')),
  'alert|cap.infos[]': withCap((c, i) => (c.infos = many(i, 9))),
  'alert|cap.infos[].language': withCap((_, i) => (i.language = long(256))),
  'alert|cap.infos[].categories[]': withCap((_, i) => (i.categories = [])),
  'alert|cap.infos[].event': withCap((_, i) => (i.event = '')),
  'alert|cap.infos[].responseTypes[]': withCap((_, i) => (i.responseTypes = [' '])),
  'alert|cap.infos[].audience': withCap((_, i) => (i.audience = long(1000))),
  'alert|cap.infos[].eventCodes[]': withCap((_, i) => (i.eventCodes = many(i.eventCodes[0]!, 65))),
  'alert|cap.infos[].eventCodes[].name': withCap((_, i) => (i.eventCodes[0]!.name = '')),
  'alert|cap.infos[].eventCodes[].value': withCap((_, i) => (i.eventCodes[0]!.value = long(8000))),
  'alert|cap.infos[].onset': withCap((_, i) => (i.onset = INVALID_TIME)),
  'alert|cap.infos[].senderName': withCap((_, i) => (i.senderName = long(1000))),
  'alert|cap.infos[].web': withCap((_, i) => (i.web = long(1000))),
  'alert|cap.infos[].contact': withCap((_, i) => (i.contact = long(1000))),
  'alert|cap.infos[].parameters[]': withCap((_, i) => (i.parameters = many(i.parameters[0]!, 65))),
  'alert|cap.infos[].parameters[].name': withCap((_, i) => (i.parameters[0]!.name = '')),
  'alert|cap.infos[].parameters[].value': withCap((_, i) => (i.parameters[0]!.value = long(8000))),
  'alert|cap.infos[].resources[]': withCap((_, i) => (i.resources = many(i.resources[0]!, 65))),
  'alert|cap.infos[].resources[].description': withCap((_, i) => (i.resources[0]!.description = '')),
  'alert|cap.infos[].resources[].mimeType': withCap((_, i) => (i.resources[0]!.mimeType = '')),
  'alert|cap.infos[].resources[].size': withCap((_, i) => (i.resources[0]!.size = 2 ** 31)),
  'alert|cap.infos[].resources[].uri': withCap((_, i) => (i.resources[0]!.uri = long(1000))),
  'alert|cap.infos[].resources[].derefUri': withCap((_, i) => (i.resources[0]!.derefUri = long(200_000))),
  'alert|cap.infos[].resources[].digest': withCap((_, i) => (i.resources[0]!.digest = 'not-a-digest')),
  'alert|cap.infos[].areas[]': withCap((_, i, a) => (i.areas = many(a, 65))),
  'alert|cap.infos[].areas[].description': withCap((_, _i, a) => (a.description = '')),
  'alert|cap.infos[].areas[].polygons[]': withCap((_, _i, a) => (a.polygons = many(a.polygons[0]!, 21))),
  'alert|cap.infos[].areas[].polygons[].vertices[]': withCap((_, _i, a) => a.polygons[0]!.vertices.pop()),
  'alert|cap.infos[].areas[].polygons[].vertices[].lat': withCap(
    (_, _i, a) => (a.polygons[0]!.vertices[0]!.lat = 91),
  ),
  'alert|cap.infos[].areas[].polygons[].vertices[].lon': withCap(
    (_, _i, a) => (a.polygons[0]!.vertices[0]!.lon = 181),
  ),
  'alert|cap.infos[].areas[].circles[]': withCap((_, _i, a) => (a.circles = many(a.circles[0]!, 21))),
  'alert|cap.infos[].areas[].circles[].center': withCap((_, _i, a) => (a.circles[0]!.center = undefined)),
  'alert|cap.infos[].areas[].circles[].center.lat': withCap((_, _i, a) => (a.circles[0]!.center!.lat = 91)),
  'alert|cap.infos[].areas[].circles[].center.lon': withCap((_, _i, a) => (a.circles[0]!.center!.lon = 181)),
  'alert|cap.infos[].areas[].circles[].radiusKm': withCap((_, _i, a) => (a.circles[0]!.radiusKm = -1)),
  'alert|cap.infos[].areas[].geocodes[]': withCap((_, _i, a) => (a.geocodes = many(a.geocodes[0]!, 65))),
  'alert|cap.infos[].areas[].geocodes[].name': withCap((_, _i, a) => (a.geocodes[0]!.name = '')),
  'alert|cap.infos[].areas[].geocodes[].value': withCap((_, _i, a) => (a.geocodes[0]!.value = long(8000))),
  'alert|cap.infos[].areas[].altitude': withCap((_, _i, a) => (a.altitude = Number.NaN)),
  'alert|cap.infos[].areas[].ceiling': withCap((_, _i, a) => (a.ceiling = 100)),
  'alert|cap.signature': withCap((c) => (c.signature = long(200_000))),
};

const PROBES: Record<string, Probe> = {
  ...CAP_PROBES,
  'all|id': alert((m) => (m.id = 'not an id!')),
  'all|sender': alert((m) => (m.sender = 'nobody')),
  'alert, notice, reply, receipt, release, group|actor': alert((m) => (m.actor = 'node:tj-border')),
  'all|sent': alert((m) => (m.sent = timestampFromDate(new Date(FIXTURE_NOW.getTime() - 8 * DAY_MS)))),
  'alert|type': alert((m) => (m.type = 0)),
  'alert|status': alert((m) => (m.status = 0)),
  'alert|references[]': alert((m) => (m.type = AlertType.UPDATE)),
  'alert|incident': alert((m) => (m.incident = 'not an id!')),
  'alert|category': alert((m) => (m.category = 0)),
  'alert|severity': alert((m) => (m.severity = 0)),
  'alert|urgency': alert((m) => (m.urgency = 0)),
  'alert|certainty': alert((m) => (m.certainty = 0)),
  'alert|area': alert((m) => {
    const area = m.area!;
    Object.assign(area, {
      description: '',
      borderSections: [],
      crossingPoints: [],
      points: [],
      circles: [],
      polygons: [],
    });
  }),
  'alert|area.description': alert((m) => (m.area!.description = 'line\u0000')),
  'alert|area.borderSections[]': alert((m) => (m.area!.borderSections = ['nowhere'])),
  'alert|area.crossingPoints[]': alert((m) => (m.area!.crossingPoints = ['nowhere'])),
  'alert|area.points[]': alert(
    (m) => (m.area!.points = Array.from({ length: 101 }, () => m.area!.points[0]!)),
  ),
  'alert|area.points[].lat': alert((m) => (m.area!.points[0]!.lat = 91)),
  'alert|area.points[].lon': alert((m) => (m.area!.points[0]!.lon = 181)),
  'alert|area.circles[]': alert(
    (m) => (m.area!.circles = Array.from({ length: 21 }, () => m.area!.circles[0]!)),
  ),
  'alert|area.circles[].center': alert((m) => (m.area!.circles[0]!.center = undefined)),
  'alert|area.circles[].center.lat': alert((m) => (m.area!.circles[0]!.center!.lat = 91)),
  'alert|area.circles[].center.lon': alert((m) => (m.area!.circles[0]!.center!.lon = 181)),
  'alert|area.circles[].radiusKm': alert((m) => (m.area!.circles[0]!.radiusKm = 0)),
  'alert|area.polygons[]': alert(
    (m) => (m.area!.polygons = Array.from({ length: 21 }, () => m.area!.polygons[0]!)),
  ),
  'alert|area.polygons[].vertices[]': alert((m) => m.area!.polygons[0]!.vertices.pop()),
  'alert|area.polygons[].vertices[].lat': alert((m) => (m.area!.polygons[0]!.vertices[1]!.lat = 91)),
  'alert|area.polygons[].vertices[].lon': alert((m) => (m.area!.polygons[0]!.vertices[1]!.lon = 181)),
  'alert|regions[]': alert((m) => (m.regions = [])),
  'alert|effective': alert((m) => (m.effective = INVALID_TIME)),
  'alert|expires': alert((m) => (m.expires = m.effective)),
  'alert, notice, reply|texts[]': alert((m) => (m.texts = [])),
  'alert, notice, reply|texts[].language': alert((m) => (m.texts[0]!.language = 'fr-ca')),
  'alert, notice, reply|texts[].provenance': alert((m) => (m.texts[0]!.provenance = 0)),
  'alert, notice, reply|texts[].headline': alert((m) => (m.texts[0]!.headline = ' ')),
  'alert, notice, reply|texts[].description': alert((m) => (m.texts[0]!.description = long(8000))),
  'alert, notice, reply|texts[].instruction': alert((m) => (m.texts[0]!.instruction = long(2000))),
  'alert|items[]': alert((m) => (m.items[0]!.item = { case: undefined })),
  'alert|items[].weapon.type': alert((m) => (weapon(m)['type'] = 0)),
  'alert|items[].weapon.make': alert((m) => (weapon(m)['make'] = long(100))),
  'alert|items[].weapon.model': alert((m) => (weapon(m)['model'] = long(100))),
  'alert|items[].weapon.calibre': alert((m) => (weapon(m)['calibre'] = long(50))),
  'alert|items[].weapon.serialNumber': alert((m) => (weapon(m)['serialNumber'] = long(100))),
  'alert|items[].weapon.markings': alert((m) => (weapon(m)['markings'] = long(1000))),
  'alert|items[].weapon.countryOfManufacture': alert((m) => (weapon(m)['countryOfManufacture'] = long(100))),
  'alert|items[].weapon.quantity': alert((m) => (weapon(m)['quantity'] = 2)),
  'alert|items[].ammunition.calibre': alert((m) => (ammunition(m)['calibre'] = long(50))),
  'alert|items[].ammunition.quantity': alert((m) => (ammunition(m)['quantity'] = 0)),
  'alert|items[].ammunition.lotNumber': alert((m) => (ammunition(m)['lotNumber'] = long(100))),
  'alert|items[].ammunition.headstamp': alert((m) => (ammunition(m)['headstamp'] = long(100))),
  'alert|items[].explosive': alert((m) => withExplosive(m, { quantity: 0 })),
  'alert|items[].explosive.type': alert((m) => withExplosive(m, { type: 0 })),
  'alert|items[].explosive.description': alert((m) => withExplosive(m, { description: long(1000) })),
  'alert|items[].explosive.netMassKg': alert((m) => withExplosive(m, { netMassKg: -1 })),
  'alert|items[].explosive.quantity': alert((m) => withExplosive(m, { quantity: 1_000_001 })),
  'alert|items[].other.description': alert((m) => withOther(m, { description: '' })),
  'alert|items[].other.quantity': alert((m) => withOther(m, { quantity: 0 })),
  'alert|items[].other.unit': alert((m) => withOther(m, { unit: '' })),
  'alert|persons[]': alert((m) => m.persons.push(m.persons[0]!)),
  'alert|persons[].sex': alert((m) => (m.persons[0]!.sex = 0)),
  'alert|persons[].ageGroup': alert((m) => (m.persons[0]!.ageGroup = 0)),
  'alert|persons[].role': alert((m) => (m.persons[0]!.role = UNKNOWN)),
  'alert|persons[].count': alert((m) => (m.persons[0]!.count = 0)),
  'alert, notice|evaluation': alert((m) => (m.evaluation = undefined)),
  'alert, notice|evaluation.source': alert((m) => (m.evaluation!.source = 0)),
  'alert, notice|evaluation.information': alert((m) => (m.evaluation!.information = 0)),
  'alert, notice, reply|handling': alert((m) => (m.handling = undefined)),
  'alert, notice, reply|handling.tlp': alert((m) => (m.handling!.tlp = 0)),
  'alert, notice, reply|handling.code': alert((m) => (m.handling!.code = 0)),
  'alert, notice, reply|handling.restrictions': alert((m) => (m.handling!.code = HandlingCode.H3)),
  'alert, notice, reply|handling.pap': alert((m) => (m.handling!.pap = UNKNOWN)),
  'alert, notice, reply|addressees': alert((m) => (m.handling!.tlp = Tlp.RED)),
  'alert, notice, reply|addressees.nodes[]': alert(
    (m) => (m.addressees = { $typeName: 'borderlink.v1.Addressees', nodes: ['nobody'], groups: [] }),
  ),
  'alert, notice, reply|addressees.groups[]': alert(
    (m) => (m.addressees = { $typeName: 'borderlink.v1.Addressees', nodes: [], groups: ['Not A Group'] }),
  ),
  'notice|kind': notice((m) => (m.kind = 0)),
  'notice|status': notice((m) => (m.status = 0)),
  'notice|priority': notice((m) => (m.priority = 0)),
  'notice|deadline': notice((m) => (m.deadline = m.sent)),
  'notice, reply|thread': notice((m) => (m.thread = 'not an id!')),
  'notice|regions[]': notice((m) => (m.regions = ['nowhere'])),
  'notice|category': notice((m) => (m.category = UNKNOWN)),
  'notice|references[]': notice((m) => (m.references = [m.id])),
  'notice|trace': notice((m) => (m.kind = NoticeKind.JOINT_OPERATION)),
  'notice|trace.item': notice((m) => (trace(m)['item'] = undefined)),
  'notice|trace.item.type': notice((m) => (traceItem(m)['type'] = 0)),
  'notice|trace.item.make': notice((m) => (traceItem(m)['make'] = long(100))),
  'notice|trace.item.model': notice((m) => (traceItem(m)['model'] = long(100))),
  'notice|trace.item.calibre': notice((m) => (traceItem(m)['calibre'] = '')),
  'notice|trace.item.serialNumber': notice((m) => (traceItem(m)['serialNumber'] = '')),
  'notice|trace.item.markings': notice((m) => (traceItem(m)['markings'] = long(1000))),
  'notice|trace.item.countryOfManufacture': notice((m) => (traceItem(m)['countryOfManufacture'] = long(100))),
  'notice|trace.item.quantity': notice((m) => (traceItem(m)['quantity'] = 2)),
  'notice|trace.illicitNature': notice((m) => (trace(m)['illicitNature'] = '')),
  'notice|trace.legalBasis': notice((m) => (trace(m)['legalBasis'] = long(4000))),
  'notice|trace.circumstances': notice((m) => (trace(m)['circumstances'] = long(4000))),
  'notice|trace.intendedUse': notice((m) => (trace(m)['intendedUse'] = '')),
  'notice|trace.status': notice((m) => Object.assign(trace(m), { status: 0, statusReason: 'why' })),
  'notice|trace.statusReason': notice((m) => (trace(m)['status'] = TraceStatus.DECLINED)),
  'notice|trace.seizureAlert': notice((m) => (trace(m)['seizureAlert'] = 'not an id!')),
  'notice|operation': notice((m) => {
    m.kind = NoticeKind.JOINT_OPERATION;
    m.details = { case: undefined };
  }),
  'notice|operation.name': notice((m) => joint(m, { name: '' })),
  'notice|operation.group': notice((m) => joint(m, { group: 'Not A Group' })),
  'notice|operation.owner': notice((m) => joint(m, { owner: 'nobody' })),
  'notice|operation.starts': notice((m) => joint(m, { starts: INVALID_TIME })),
  'notice|operation.ends': notice((m) => joint(m, { starts: m.sent, ends: before(m) })),
  'notice|meeting': notice((m) => (m.details = { case: 'meeting', value: create(MeetingSchema) })),
  'notice|meeting.starts': notice((m) => meeting(m, { starts: INVALID_TIME })),
  'notice|meeting.ends': notice((m) => meeting(m, { starts: m.sent, ends: before(m) })),
  'notice|meeting.location': notice((m) => meeting(m, { location: long(100) })),
  'notice|situation': notice(
    (m) => (m.details = { case: 'situation', value: create(SituationReportSchema) }),
  ),
  'notice|situation.periodStart': notice((m) => situation(m, { periodStart: INVALID_TIME })),
  'notice|situation.periodEnd': notice((m) => situation(m, { periodStart: m.sent, periodEnd: before(m) })),
  'notice|situation.sections[]': notice((m) => situation(m, { sections: [section({}), section({})] })),
  'notice|situation.sections[].borderSection': notice((m) =>
    situation(m, { sections: [section({ borderSection: 'nowhere' })] }),
  ),
  'notice|situation.sections[].impact': notice((m) => situation(m, { sections: [section({ impact: 0 })] })),
  'notice|situation.sections[].category': notice((m) =>
    situation(m, { sections: [section({ category: UNKNOWN })] }),
  ),
  'notice|situation.sections[].events': notice((m) =>
    situation(m, { sections: [section({ events: 1_000_001 })] }),
  ),
  'notice|impactChange': notice((m) => {
    m.kind = NoticeKind.IMPACT_LEVEL_CHANGE;
    m.details = { case: undefined };
  }),
  'notice|impactChange.borderSection': notice((m) => impactChange(m, { borderSection: 'nowhere' })),
  'notice|impactChange.from': notice((m) => impactChange(m, { from: 0 })),
  'notice|impactChange.to': notice((m) => impactChange(m, { to: ImpactLevel.LOW })),
  'reply|notice': { breaks: (m: MessageOf<'reply'>) => (m.notice = '') },
  'reply|traceStatus': {
    breaks: (m: MessageOf<'reply'>) => Object.assign(m, { traceStatus: 0, traceStatusReason: 'why' }),
  },
  'reply|traceStatusReason': { breaks: (m: MessageOf<'reply'>) => (m.traceStatus = TraceStatus.DELAYED) },
  'reply|traceResult': { breaks: (m: MessageOf<'reply'>) => (m.traceStatus = TraceStatus.ANSWERED) },
  'reply|traceResult.summary': { breaks: (m: MessageOf<'reply'>) => traced(m, { summary: ' ' }) },
  'reply|traceResult.lastLegalHolder': {
    breaks: (m: MessageOf<'reply'>) => traced(m, { lastLegalHolder: long(100) }),
  },
  'reply|traceResult.holderCountry': {
    breaks: (m: MessageOf<'reply'>) => traced(m, { holderCountry: long(100) }),
  },
  'reply|traceResult.transfers[]': {
    breaks: (m: MessageOf<'reply'>) =>
      traced(m, { transfers: Array.from({ length: 51 }, () => transfer({})) }),
  },
  'reply|traceResult.transfers[].party': {
    breaks: (m: MessageOf<'reply'>) => traced(m, { transfers: [transfer({ party: '' })] }),
  },
  'reply|traceResult.transfers[].country': {
    breaks: (m: MessageOf<'reply'>) => traced(m, { transfers: [transfer({ country: long(100) })] }),
  },
  'reply|traceResult.transfers[].date': {
    breaks: (m: MessageOf<'reply'>) =>
      traced(m, { transfers: [transfer({ date: { seconds: -99_999_999_999n, nanos: 0 } })] }),
  },
  'reply|traceResult.transfers[].document': {
    breaks: (m: MessageOf<'reply'>) => traced(m, { transfers: [transfer({ document: long(100) })] }),
  },
  'receipt|message': { breaks: (m: MessageOf<'receipt'>) => (m.message = '') },
  'receipt|origin': { breaks: (m: MessageOf<'receipt'>) => (m.origin = 'nobody') },
  'receipt|kind': { breaks: (m: MessageOf<'receipt'>) => (m.kind = 0) },
  'receipt|reason': { breaks: (m: MessageOf<'receipt'>) => (m.kind = ReceiptKind.DECLINED) },
  'delivered|origin': { breaks: (m: MessageOf<'delivered'>) => (m.origin = m.sender) },
  'delivered|messages[]': { breaks: (m: MessageOf<'delivered'>) => m.messages.push(m.messages[0]!) },
  'release|message': { breaks: (m: MessageOf<'release'>) => (m.message = '') },
  'release|origin': { breaks: (m: MessageOf<'release'>) => (m.origin = m.sender) },
  'release|to': { breaks: (m: MessageOf<'release'>) => (m.to = m.origin) },
  'release|request': { field: 'step', breaks: (m: MessageOf<'release'>) => (m.step = { case: undefined }) },
  'release|request.reason': {
    breaks: (m: MessageOf<'release'>) =>
      (m.step = {
        case: 'request',
        value: { $typeName: 'borderlink.v1.ReleaseRequest', reason: long(1000) },
      }),
  },
  'release|decision.request': { breaks: (m: MessageOf<'release'>) => decide(m, { request: '' }) },
  'release|decision.requester': { breaks: (m: MessageOf<'release'>) => decide(m, { requester: 'nobody' }) },
  'release|decision.reason': { breaks: (m: MessageOf<'release'>) => decide(m, { approved: false }) },
  'release|decision.approvers[]': {
    breaks: (m: MessageOf<'release'>) => decide(m, { approvers: ['person:sup-1', 'person:sup-1'] }),
  },
  'group|group': { breaks: (m: MessageOf<'group'>) => (m.group = 'Not A Group') },
  'group|create': { field: 'change', breaks: (m: MessageOf<'group'>) => (m.change = { case: undefined }) },
  'group|create.name': {
    breaks: (m: MessageOf<'group'>) => ((m.change.value as { name: string }).name = ''),
  },
  'group|create.members[]': {
    breaks: (m: MessageOf<'group'>) => ((m.change.value as { members: string[] }).members = [m.sender]),
  },
  'group|add.node': { breaks: (m: MessageOf<'group'>) => member(m, 'add', m.sender) },
  'group|remove.node': { breaks: (m: MessageOf<'group'>) => member(m, 'remove', 'nobody') },
  'subscription|actor': { breaks: (m: MessageOf<'subscription'>) => (m.actor = '') },
  'subscription|filters[]': {
    breaks: (m: MessageOf<'subscription'>) =>
      m.filters.push({ ...m.filters[0]!, regions: ['afghan-border'] }),
  },
  'subscription|filters[].regions[]': {
    breaks: (m: MessageOf<'subscription'>) => (m.filters[0]!.regions = ['atlantis']),
  },
  'subscription|filters[].categories[]': {
    breaks: (m: MessageOf<'subscription'>) => (m.filters[0]!.categories = ['salw', 'Salw']),
  },
  'subscription|filters[].minSeverity': {
    breaks: (m: MessageOf<'subscription'>) => (m.filters[0]!.minSeverity = UNKNOWN),
  },
  'subscription|filters[].sections[]': {
    breaks: (m: MessageOf<'subscription'>) => (m.filters[0]!.sections = ['tj-af-panj', 'tj-af-panj']),
  },
} as Record<string, Probe>;

/** Turns the request into the origin's decision on it, with `value` over a valid decision. */
function decide(m: MessageOf<'release'>, value: object): void {
  m.sender = m.origin;
  const request = '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c07';
  const decision = { request, requester: 'uz-border', approved: true, ...value };
  m.step = { case: 'decision', value: create(ReleaseDecisionSchema, decision) };
}

function member(m: MessageOf<'group'>, step: 'add' | 'remove', node: string): void {
  m.change = { case: step, value: { $typeName: 'borderlink.v1.GroupMember', node } };
}

describe('the validation rules table of docs/protocol.md', () => {
  it('lists every field of every kind a node sends, once, and no field the schema lacks', () => {
    const documented = RULES.flatMap((row) => row.kinds.map((kind) => `${kind} ${row.field}`));
    const schema = KINDS.flatMap((kind) =>
      fieldPaths(MESSAGE_SCHEMAS[kind]).map((path) => `${kind} ${path}`),
    );
    expect([...documented].sort()).toEqual([...schema].sort());
  });

  it('has one probe for each documented rule, and a rule for each probe', () => {
    const ruled = RULES.filter((row) => !NO_RULE.has(row.rule)).map((row) => row.key);
    expect([...ruled].sort()).toEqual(Object.keys(PROBES).sort());
  });

  it.each(RULES.filter((row) => !NO_RULE.has(row.rule)).map((row) => [row.key, row] as const))(
    'refuses a message that breaks %s on that field',
    (key, row) => {
      const probe = PROBES[key]!;
      const kind = probe.kind ?? row.kinds[0]!;
      const message = VALID[kind]();
      probe.breaks(message as never);
      const fields = validateMessage(kind, message as never, CONTEXT).map(({ field }) =>
        field.replace(/\[\d+\]/g, '[]'),
      );
      const expected = probe.field ?? row.field;
      expect(fields).toContainEqual(fields.includes(expected) ? expected : expected.replace(/\[\]$/, ''));
    },
  );

  it('lists every limit with the value LIMITS holds', () => {
    const documented = Object.fromEntries(
      tableAfter('### Limits').map(([name = '', value = '']) => [name, Number(value)]),
    );
    expect(documented).toEqual({ ...LIMITS });
  });
});

const HEARTBEAT_RULES = tableAfter('### Heartbeat rules').map(([field = '', rule = '']) => ({ field, rule }));
const MINUTE_MS = 60_000;

// How to break each documented heartbeat rule on a valid node heartbeat.
const HEARTBEAT_PROBES: Record<string, (heartbeat: Heartbeat) => void> = {
  id: (h) => (h.id = 'not an id!'),
  sender: (h) => (h.sender = 'nobody'),
  sent: (h) => (h.sent = timestampFromDate(new Date(FIXTURE_NOW.getTime() - 6 * MINUTE_MS))),
  instance: (h) => (h.instance = ''),
  app: (h) => (h.app = 0),
  version: (h) => (h.version = long(100)),
  started: (h) => (h.started = timestampFromDate(FIXTURE_NOW)),
  intervalMs: (h) => (h.intervalMs = LIMITS.heartbeatMaxIntervalMs + 1),
  outbox: (h) => (h.outbox = undefined),
  'consumers[]': (h) => h.consumers.push(h.consumers[0]!),
  'consumers[].consumer': (h) => (h.consumers[0]!.consumer = ''),
  'consumers[].node': (h) => (h.consumers[0]!.node = 'nobody'),
  lastDelivery: (h) => (h.lastDelivery = INVALID_TIME),
  counters: (h) => (h.counters = undefined),
  'counters.rejected': (h) => (h.counters!.rejected = { stale: 1n }),
};

describe('the heartbeat rules table of docs/protocol.md', () => {
  it('lists every field of a heartbeat, once, and no field the schema lacks', () => {
    const documented = HEARTBEAT_RULES.map((row) => row.field);
    expect([...documented].sort()).toEqual(fieldPaths(HeartbeatSchema).sort());
  });

  it('has one probe for each documented rule, and a rule for each probe', () => {
    const ruled = HEARTBEAT_RULES.filter((row) => !NO_RULE.has(row.rule)).map((row) => row.field);
    expect([...ruled].sort()).toEqual(Object.keys(HEARTBEAT_PROBES).sort());
  });

  it.each(HEARTBEAT_RULES.filter((row) => !NO_RULE.has(row.rule)).map((row) => [row.field] as const))(
    'refuses a heartbeat that breaks the rule of %s on that field',
    (field) => {
      const heartbeat = validNodeHeartbeat();
      expect(validateHeartbeat(heartbeat, CONTEXT)).toEqual([]);
      HEARTBEAT_PROBES[field]!(heartbeat);
      const fields = validateHeartbeat(heartbeat, CONTEXT).map((v) => v.field.replace(/\[\d+\]/g, '[]'));
      expect(fields).toContainEqual(fields.includes(field) ? field : field.replace(/\[\]$/, ''));
    },
  );
});
