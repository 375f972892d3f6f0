// Valid messages and a registry context for the validation and codec specs (test support only).
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AgeGroup,
  AlertSchema,
  AlertType,
  PersonRole,
  Sex,
  WeaponType,
} from '../src/gen/borderlink/v1/alert_pb.js';
import {
  Category,
  Certainty,
  HandlingCode,
  InformationReliability,
  Pap,
  Severity,
  SourceReliability,
  Status,
  Tlp,
  TranslationProvenance,
  Urgency,
} from '../src/gen/borderlink/v1/common_pb.js';
import { SubscriptionChangeSchema } from '../src/gen/borderlink/v1/subscription_pb.js';
import { NoticeKind, NoticeSchema, Priority, TraceStatus } from '../src/gen/borderlink/v1/notice_pb.js';
import {
  DeliveredBatchSchema,
  ReceiptKind,
  ReceiptSchema,
  RoutingReportSchema,
} from '../src/gen/borderlink/v1/receipt_pb.js';
import { RejectionReason, RejectionSchema } from '../src/gen/borderlink/v1/rejection_pb.js';
import { ReplySchema } from '../src/gen/borderlink/v1/reply_pb.js';
import { GroupChangeSchema } from '../src/gen/borderlink/v1/group_pb.js';
import { ReleaseSchema } from '../src/gen/borderlink/v1/release_pb.js';
import { ReminderStage, RequestReminderSchema } from '../src/gen/borderlink/v1/reminder_pb.js';
import { AuditCheckpointSchema, AuditEvent } from '../src/gen/borderlink/v1/audit_pb.js';
import { HeartbeatApp, HeartbeatSchema } from '../src/gen/borderlink/v1/heartbeat_pb.js';
import type { MessageKind, MessageOf } from '../src/message-kinds.js';
import type { ValidationContext } from '../src/validation/violation.js';

export const FIXTURE_NOW = new Date('2025-03-14T08:30:00Z');
const SENT = timestampFromDate(new Date(FIXTURE_NOW.getTime() - 60_000));

export interface KnownIds {
  regions?: readonly string[];
  sections?: readonly string[];
  crossingPoints?: readonly string[];
  nodes?: readonly string[];
}

/** A context that knows exactly the given ids. */
export function contextKnowing(ids: KnownIds, now: Date = FIXTURE_NOW): ValidationContext {
  const regions = new Set(ids.regions);
  const sections = new Set(ids.sections);
  const crossingPoints = new Set(ids.crossingPoints);
  const nodes = new Set(ids.nodes);
  return {
    now,
    knownRegion: (id) => regions.has(id),
    knownSection: (id) => sections.has(id),
    knownCrossingPoint: (id) => crossingPoints.has(id),
    knownNode: (id) => nodes.has(id),
  };
}

export const FIXTURE_IDS = {
  regions: ['central-asia', 'afghan-border', 'fergana-valley', 'caspian'],
  sections: ['tj-af-panj', 'uz-af-termez'],
  crossingPoints: ['panji-poyon', 'termez-hairatan'],
  nodes: ['hub', 'kz-border', 'tj-border', 'uz-border', 'uz-customs', 'interpol', 'unodc'],
} as const satisfies KnownIds;

export function fixtureContext(now: Date = FIXTURE_NOW): ValidationContext {
  return contextKnowing(FIXTURE_IDS, now);
}

const HANDLING = { tlp: Tlp.GREEN, code: HandlingCode.H0, pap: Pap.GREEN };

export function validAlert() {
  return create(AlertSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01',
    sender: 'tj-border',
    actor: 'person:0b1e4f52-officer',
    sent: SENT,
    type: AlertType.ALERT,
    status: Status.ACTUAL,
    category: Category.SMALL_ARMS_LIGHT_WEAPONS,
    severity: Severity.SEVERE,
    urgency: Urgency.IMMEDIATE,
    certainty: Certainty.OBSERVED,
    area: {
      description: 'Panj river bank, 3 km upstream of Panji Poyon',
      borderSections: ['tj-af-panj'],
      crossingPoints: ['panji-poyon'],
      points: [{ lat: 37.2, lon: 68.6 }],
      circles: [{ center: { lat: 37.2, lon: 68.6 }, radiusKm: 5 }],
      polygons: [
        {
          vertices: [
            { lat: 37.1, lon: 68.5 },
            { lat: 37.3, lon: 68.5 },
            { lat: 37.3, lon: 68.7 },
            { lat: 37.1, lon: 68.5 },
          ],
        },
      ],
    },
    regions: ['afghan-border'],
    effective: SENT,
    expires: timestampFromDate(new Date(FIXTURE_NOW.getTime() + 86_400_000)),
    texts: [
      {
        language: 'ru',
        provenance: TranslationProvenance.ORIGINAL,
        headline: 'Изъятие автоматов АКМ',
        description: 'Задержаны двое.\n\tОружие изъято.',
      },
      { language: 'en', provenance: TranslationProvenance.HUMAN_TRANSLATED, headline: 'AKM rifles seized' },
    ],
    items: [
      {
        item: {
          case: 'weapon',
          value: {
            type: WeaponType.ASSAULT_RIFLE,
            calibre: '7.62x39mm',
            serialNumber: 'KA 1234',
            quantity: 1,
          },
        },
      },
      { item: { case: 'ammunition', value: { calibre: '7.62x39mm', quantity: 240, headstamp: '539 82' } } },
    ],
    persons: [{ sex: Sex.MALE, ageGroup: AgeGroup.ADULT, role: PersonRole.SUSPECT, count: 2 }],
    evaluation: {
      source: SourceReliability.B,
      information: InformationReliability.INFORMATION_RELIABILITY_2,
    },
    handling: HANDLING,
  });
}

export function validNotice() {
  return create(NoticeSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c02',
    sender: 'tj-border',
    sent: SENT,
    kind: NoticeKind.FIREARMS_TRACE_REQUEST,
    status: Status.ACTUAL,
    priority: Priority.HIGH,
    texts: [
      { language: 'en', provenance: TranslationProvenance.ORIGINAL, headline: 'Trace request: AKM KA 1234' },
    ],
    addressees: { nodes: ['interpol', 'uz-border'] },
    handling: { tlp: Tlp.AMBER, code: HandlingCode.H2 },
    regions: ['afghan-border'],
    category: Category.SMALL_ARMS_LIGHT_WEAPONS,
    details: {
      case: 'trace',
      value: {
        item: { type: WeaponType.ASSAULT_RIFLE, calibre: '7.62x39mm', serialNumber: 'KA 1234' },
        illicitNature: 'Smuggled across the state border without an import licence',
        intendedUse: 'Criminal investigation of the smuggling network',
        status: TraceStatus.SUBMITTED,
      },
    },
  });
}

export function validReply() {
  return create(ReplySchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c03',
    sender: 'interpol',
    sent: SENT,
    notice: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c02',
    thread: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c02',
    texts: [
      { language: 'en', provenance: TranslationProvenance.ORIGINAL, headline: 'Trace request received' },
    ],
    traceStatus: TraceStatus.ACKNOWLEDGED,
  });
}

export function validReceipt() {
  return create(ReceiptSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c04',
    sender: 'uz-border',
    sent: SENT,
    message: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01',
    origin: 'tj-border',
    kind: ReceiptKind.READ,
  });
}

/** uz-border tells tj-border that two of its messages are in uz-border's inbox (protocol 1.1). */
export function validDeliveredBatch() {
  return create(DeliveredBatchSchema, {
    id: '0195940a-7b1c-8cc3-9f4e-3d1f6a2b8c0a',
    sender: 'uz-border',
    sent: SENT,
    origin: 'tj-border',
    messages: ['0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01', '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c02'],
  });
}

export function validRoutingReport() {
  return create(RoutingReportSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c05',
    sender: 'hub',
    sent: SENT,
    message: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01',
    recipients: ['uz-border', 'unodc'],
  });
}

export function validRejection() {
  return create(RejectionSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c06',
    sender: 'hub',
    sent: SENT,
    message: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01',
    subject: 'bl.in.tj-border.alert',
    reason: RejectionReason.INVALID,
    detail: 'the alert breaks 1 rule',
    violations: [{ field: 'texts[0].headline', reason: 'is required' }],
  });
}

/** uz-border asks tj-border to release alert …c01 to interpol. */
export function validRelease() {
  return create(ReleaseSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c07',
    sender: 'uz-border',
    sent: SENT,
    message: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c01',
    origin: 'tj-border',
    to: 'interpol',
    step: { case: 'request', value: { reason: 'INTERPOL traces the serial numbers' } },
  });
}

/** kz-border opens an operation's closed user group with tj-border and unodc. */
export function validGroupChange() {
  return create(GroupChangeSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c08',
    sender: 'kz-border',
    sent: SENT,
    group: 'op-panj-2025',
    change: { case: 'create', value: { name: 'Operation Panj 2025', members: ['tj-border', 'unodc'] } },
  });
}

/** uz-customs narrows what it receives to severe and worse on the Afghan border, at Termez (protocol 1.4). */
export function validSubscriptionChange() {
  return create(SubscriptionChangeSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c0a',
    sender: 'uz-customs',
    actor: 'person:7d2a90c4-administrator',
    sent: SENT,
    filters: [
      {
        regions: ['afghan-border'],
        categories: ['salw', 'explosives'],
        minSeverity: Severity.SEVERE,
        sections: ['uz-af-termez'],
      },
    ],
  });
}

/** The hub announces its checkpoint of the audit chain at entry 1001 (shape only: not signed). */
export function validAuditCheckpoint() {
  return create(AuditCheckpointSchema, {
    id: 'audit-checkpoint-1001',
    sender: 'hub',
    sent: SENT,
    entry: {
      sequence: 1001n,
      at: SENT,
      event: AuditEvent.CHECKPOINT,
      actor: 'hub',
      previousHash: new Uint8Array(32).fill(7),
      hash: new Uint8Array(32).fill(9),
      key: 'UAB2CB576PHBBPQ5ODORRZ2LYCMWPZGWGCN2KDK7DXOIMZASKUY3RLKK',
      signature: 'A'.repeat(86),
    },
  });
}

export function validRequestReminder() {
  return create(RequestReminderSchema, {
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c0a',
    sender: 'hub',
    sent: SENT,
    request: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c02',
    requester: 'tj-border',
    addressee: 'uz-border',
    requestKind: NoticeKind.INFORMATION_REQUEST,
    priority: Priority.URGENT,
    deadline: SENT,
    stage: ReminderStage.ESCALATED,
    escalatedTo: 'unodc',
  });
}

// What a node's and a hub's heartbeats share.
const HEARTBEAT = {
  sent: SENT,
  version: '0.1.0',
  started: timestampFromDate(new Date(FIXTURE_NOW.getTime() - 3_600_000)),
  intervalMs: 10_000,
  lastDelivery: SENT,
  counters: { accepted: 40n, rejected: { STALE: 1n }, delivered: 12n, deadLettered: 0n },
};

/** A valid message of every kind, for the specs that go through them all. */
export const VALID_MESSAGES: { [K in MessageKind]: () => MessageOf<K> } = {
  alert: validAlert,
  notice: validNotice,
  reply: validReply,
  receipt: validReceipt,
  delivered: validDeliveredBatch,
  rejection: validRejection,
  routing: validRoutingReport,
  release: validRelease,
  group: validGroupChange,
  checkpoint: validAuditCheckpoint,
  reminder: validRequestReminder,
  subscription: validSubscriptionChange,
};

/** A node's heartbeat (protocol 1.3): its outbox, its own consumer and counters. */
export function validNodeHeartbeat() {
  return create(HeartbeatSchema, {
    ...HEARTBEAT,
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c0b',
    sender: 'tj-border',
    instance: 'node-1f3a9c',
    app: HeartbeatApp.NODE,
    outbox: { depth: 2n, oldestAgeMs: 1_500n },
    consumers: [{ consumer: 'node-tj-border', node: 'tj-border', pending: 3n, ackPending: 1n }],
  });
}

/** A hub instance's heartbeat: every node's delivery consumer, no outbox. */
export function validHubHeartbeat() {
  return create(HeartbeatSchema, {
    ...HEARTBEAT,
    id: '0195940a-7b1c-7cc3-9f4e-3d1f6a2b8c0c',
    sender: 'hub',
    instance: 'hub-7d2e41',
    app: HeartbeatApp.HUB,
    consumers: [
      { consumer: 'node-tj-border', node: 'tj-border', pending: 3n },
      { consumer: 'node-uz-border', node: 'uz-border', redelivered: 2n },
    ],
  });
}
