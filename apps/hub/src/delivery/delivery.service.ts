import { Inject, Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { create, fromJson, type JsonValue } from '@bufbuild/protobuf';
import { timestampDate, timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AuditCheckpointSchema,
  AuditEvent,
  DIRECT_REGION,
  GENERAL_CATEGORY,
  HEADER_RECIPIENT,
  HEADER_STATEMENT,
  LIMITS,
  ReceiptKind,
  HandlingSchema,
  RejectionSchema,
  ReminderStage,
  RequestReminderSchema,
  RoutingReportSchema,
  decodeMessage,
  deliverySubject,
  isReceiptKind,
  type HubIssuedKind,
  type NoticeKind,
  type Priority,
  type MessageOf,
} from '#contracts';
import type { OutboundEnvelope } from '#messaging';
import { RegistryIndex } from '#registry';
import { LOGGER, MetricsService } from '#runtime';
import {
  NodeSigner,
  checkpointSignedFields,
  readSignedFields,
  sealMessage,
  signedFieldsOf,
  statedMessageOf,
} from '#trust';
import type { Logger } from 'pino';
import { v5 as uuidv5 } from 'uuid';
import { AuditTrail, type AuditReceipt, type AuditRecord } from '../audit/audit-trail.js';
import { AUDIT_CHECKPOINT_STORED, type AuditCheckpointStored } from '../audit/checkpoint-events.js';
import { DeliveryStatementsService } from '../audit/delivery-statements.service.js';
import { HubConfig } from '../config/hub.config.js';
import { reasonName, type RefusedMessage } from '../pipeline/refused-message.js';
import type { RoutedMessage } from '../pipeline/routed-message.js';
import { receivingNodes } from '../provisioning/node-consumers.js';
import { DeliveryStore } from './delivery.store.js';

// Ids of what the hub issues are derived from the JetStream msgId, so a republish after a crash
// carries the same id and receivers can dedupe it even after the stream's duplicate window.
const HUB_OUTPUT_NAMESPACE = '132a39e9-8be8-4d87-9950-de9cb137263b';

// Characters a node's validation refuses in a Rejection's texts: controls, bidi overrides, lone surrogates.
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu;

/** The text made printable and cut to `max` characters, so a Rejection always passes the node's validation. */
function wireText(text: string, max: number): string {
  const characters = Array.from(text.replace(UNPRINTABLE, '\uFFFD'));
  return characters.length <= max ? characters.join('') : `${characters.slice(0, max - 1).join('')}…`;
}

// A receipt passing through the hub is the audit event of its kind, concerning the receipted message.
const RECEIPT_EVENTS: Record<ReceiptKind, AuditEvent> = {
  [ReceiptKind.UNSPECIFIED]: AuditEvent.UNSPECIFIED,
  [ReceiptKind.DELIVERED]: AuditEvent.DELIVERED,
  [ReceiptKind.READ]: AuditEvent.READ,
  [ReceiptKind.ACKNOWLEDGED]: AuditEvent.ACKNOWLEDGED,
  [ReceiptKind.DECLINED]: AuditEvent.DECLINED,
};

/** The stages at which a request left unanswered is followed up. */
export type FollowUp = 'overdue' | 'escalated';

/** What a follow-up says of its request: never its content. */
export interface UnansweredRequest {
  id: string;
  requester: string;
  kind: NoticeKind;
  priority: Priority;
  /** Unix ms. */
  deadline: number;
  /** The request's handling (protobuf JSON). */
  handling?: JsonValue;
}

/** The id of the follow-up of `request` to `addressee` at `stage`: the same wherever and however often it is issued. */
export function followUpId(request: string, addressee: string, stage: FollowUp): string {
  return uuidv5(`${request}:${addressee}:${stage}`, HUB_OUTPUT_NAMESPACE);
}

/**
 * Carries out the hub's decisions: the audit record first, then one copy per recipient, the signed
 * routing report or rejection back to the origin, each with the hub's statement naming its recipients
 * and the audit entry (`Bl-Statement`); and the audit checkpoints to every node. Every publish has a
 * deterministic msgId and every record a ref, so running a decision twice (redelivery, two hub
 * instances) publishes and records each once, and states it alike.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly publisher: DeliveryStore,
    private readonly signer: NodeSigner,
    private readonly config: HubConfig,
    private readonly metrics: MetricsService,
    private readonly audit: AuditTrail,
    private readonly statements: DeliveryStatementsService,
    private readonly registry: RegistryIndex,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Records the decision, then publishes every recipient's copy and the routing report (not for
   * receipts) together, so they leave in one socket write and their acks are awaited at once.
   * Resolves once all are stored.
   */
  async deliver(routed: RoutedMessage): Promise<void> {
    const now = new Date();
    const recipients = routed.recipients.map((recipient) => recipient.node);
    // The statement names the audit entry, so the entry is stored before any copy leaves.
    const audited = await this.audit.record(this.acceptedRecord(routed, recipients));
    const envelopes: OutboundEnvelope[] = [];
    if (recipients.length > 0) {
      const fields = readSignedFields((name) => routed.headers[name]);
      const statement = this.statements.state(audited, statedMessageOf(fields, routed.body), recipients);
      for (const recipient of routed.recipients) {
        envelopes.push({
          subject: deliverySubject(recipient.node, routed.kind, recipient.region, recipient.category),
          body: routed.body,
          msgId: `${routed.id}:${recipient.node}`,
          headers: { ...routed.headers, [HEADER_RECIPIENT]: recipient.node, [HEADER_STATEMENT]: statement },
        });
      }
    }
    const copies = envelopes.length;
    // A receipt's sender keeps no delivery state for it, so a routing report would be noise.
    if (!isReceiptKind(routed.kind)) {
      const msgId = `${routed.id}:routing`;
      const report = create(RoutingReportSchema, {
        id: uuidv5(msgId, HUB_OUTPUT_NAMESPACE),
        sender: this.config.HUB_ID,
        sent: timestampFromDate(now),
        message: routed.id,
        recipients,
      });
      envelopes.push(...this.sealed('routing', report, [routed.origin], () => msgId, audited));
    }
    const outcomes = await this.publisher.publishAll(envelopes);
    const fresh = outcomes.slice(0, copies).filter((outcome) => !outcome.duplicate).length;
    if (!audited.duplicate) this.metrics.accepted.inc({ kind: routed.kind });
    if (fresh > 0) this.metrics.recordDelivered(routed.kind, fresh, now);
  }

  /** Records the audit event and, when the origin is a known node, then publishes a signed Rejection to it. */
  async reject(refused: RefusedMessage): Promise<void> {
    const now = new Date();
    const ref = refused.id ?? `ingress-${refused.sequence}`;
    const audited = await this.audit.record({
      event: AuditEvent.REJECTED,
      ref,
      message: refused.id ?? '',
      kind: refused.kind ?? '',
      origin: refused.origin ?? '',
      reason: refused.reason,
      detail: `${refused.detail} (subject ${refused.subject})`,
    });
    if (refused.origin !== undefined) {
      const msgId = `${ref}:rejection`;
      const rejection = create(RejectionSchema, {
        id: uuidv5(msgId, HUB_OUTPUT_NAMESPACE),
        sender: this.config.HUB_ID,
        sent: timestampFromDate(now),
        message: refused.id ?? '',
        subject: wireText(refused.subject, LIMITS.subjectMaxLength),
        reason: refused.reason,
        detail: wireText(refused.detail, LIMITS.reasonMaxLength),
        violations: refused.violations.slice(0, LIMITS.maxViolations).map(({ field, reason }) => ({
          field: wireText(field, LIMITS.violationFieldMaxLength),
          reason: wireText(reason, LIMITS.violationReasonMaxLength),
        })),
      });
      // The refused id is echoed in the body; it is not vouched for, so it is not put in a signed header.
      await this.publisher.publishAll(
        this.sealed('rejection', rejection, [refused.origin], () => msgId, audited),
      );
    }
    if (!audited.duplicate) this.metrics.rejected.inc({ reason: reasonName(refused.reason) });
  }

  /**
   * Follows up `request` that `addressee` left unanswered: `overdue` reminds the addressee and tells the
   * requester, `escalated` tells `escalateTo` and the requester. Audited, then sealed and published, all
   * under ids derived from the request, addressee and stage, so issuing it again (another hub instance,
   * a sweep after a crash) records and publishes nothing new.
   */
  async followUp(
    request: UnansweredRequest,
    addressee: string,
    stage: FollowUp,
    escalateTo: string | undefined,
  ): Promise<void> {
    // Sent now, whatever time the sweep judged due by: the statement names an audit entry of now.
    const now = new Date();
    const msgId = `${request.id}:${addressee}:${stage}`;
    const id = followUpId(request.id, addressee, stage);
    const to = [...new Set([stage === 'overdue' ? addressee : escalateTo!, request.requester])];
    const audited = await this.audit.record({
      event: stage === 'overdue' ? AuditEvent.REMINDED : AuditEvent.ESCALATED,
      ref: id,
      message: request.id,
      kind: 'reminder',
      origin: request.requester,
      recipients: to,
      detail: `${addressee} has not answered ${request.id}, due ${new Date(request.deadline).toISOString()}`,
    });
    const reminder = create(RequestReminderSchema, {
      id,
      sender: this.config.HUB_ID,
      sent: timestampFromDate(now),
      request: request.id,
      requester: request.requester,
      addressee,
      requestKind: request.kind,
      priority: request.priority,
      deadline: timestampFromDate(new Date(request.deadline)),
      stage: stage === 'overdue' ? ReminderStage.OVERDUE : ReminderStage.ESCALATED,
      escalatedTo: stage === 'escalated' ? escalateTo! : '',
      ...(request.handling === undefined ? {} : { handling: fromJson(HandlingSchema, request.handling) }),
    });
    await this.publisher.publishAll(
      this.sealed('reminder', reminder, to, (node) => `${msgId}:${node}`, audited),
    );
  }

  /**
   * Sends a checkpoint or rollover of the audit chain, as stored, to every node, which keeps it as a
   * witness. Best effort: a node that misses one is covered by the next; a failure is logged.
   */
  @OnEvent(AUDIT_CHECKPOINT_STORED)
  async announce({ entry }: AuditCheckpointStored): Promise<void> {
    const nodes = receivingNodes(this.registry.nodes());
    if (nodes.length === 0 || entry.at === undefined) return;
    const id = checkpointSignedFields(entry).id;
    const checkpoint = create(AuditCheckpointSchema, {
      id,
      sender: this.config.HUB_ID,
      sent: entry.at,
      entry,
    });
    const audited: AuditReceipt = {
      streamSequence: Number(entry.sequence),
      duplicate: false,
      entry: { position: entry.sequence, hash: entry.hash, at: timestampDate(entry.at) },
    };
    try {
      await this.publisher.publishAll(
        this.sealed('checkpoint', checkpoint, nodes, (node) => `${id}:${node}`, audited, 'each'),
      );
    } catch (error) {
      this.logger.warn({ err: error, checkpoint: id }, 'audit checkpoint not sent to the nodes');
    }
  }

  /**
   * A message issued and signed by the hub, decided in `audited`, delivered directly to each of `to`
   * with one statement naming them all, or (`each`) a statement per copy naming its recipient alone.
   * A checkpoint goes to every node: one statement naming them all would make its copies N times N
   * names long, where N signatures of a few tens of microseconds cost little once per checkpoint.
   */
  private sealed<K extends HubIssuedKind>(
    kind: K,
    message: MessageOf<K>,
    to: readonly string[],
    msgIdOf: (node: string) => string,
    audited: AuditReceipt,
    statements: 'all' | 'each' = 'all',
  ): OutboundEnvelope[] {
    const { body, headers } = sealMessage(this.signer, kind, message);
    const stated = statedMessageOf(signedFieldsOf(kind, message), body);
    const shared = statements === 'all' ? this.statements.state(audited, stated, to) : undefined;
    return to.map((node) => ({
      subject: deliverySubject(node, kind, DIRECT_REGION, GENERAL_CATEGORY),
      body,
      msgId: msgIdOf(node),
      headers: {
        ...headers,
        [HEADER_RECIPIENT]: node,
        [HEADER_STATEMENT]: shared ?? this.statements.state(audited, stated, [node]),
      },
    }));
  }

  /**
   * The accepted message's audit record; for a receipt, the event of its kind about the receipted
   * message; for a `delivered` batch, one DELIVERED event naming every message of the batch.
   */
  private acceptedRecord(routed: RoutedMessage, recipients: string[]): AuditRecord {
    if (routed.kind === 'delivered') {
      const batch = decodeMessage('delivered', routed.body);
      return {
        event: AuditEvent.DELIVERED,
        ref: routed.id,
        kind: 'delivered',
        origin: batch.origin,
        recipients: [batch.sender],
        messages: batch.messages,
        detail: `delivered batch ${batch.id} of ${batch.messages.length}`,
      };
    }
    if (routed.kind !== 'receipt') {
      return {
        event: AuditEvent.ACCEPTED,
        ref: routed.id,
        message: routed.id,
        kind: routed.kind,
        origin: routed.origin,
        person: routed.actor,
        recipients,
      };
    }
    // Validated before routing, so the body decodes and its kind is set.
    const receipt = decodeMessage('receipt', routed.body);
    return {
      event: RECEIPT_EVENTS[receipt.kind],
      ref: routed.id,
      message: receipt.message,
      kind: 'receipt',
      origin: receipt.origin,
      person: routed.actor,
      recipients: [receipt.sender],
      detail: receipt.reason === '' ? `receipt ${receipt.id}` : `receipt ${receipt.id}: ${receipt.reason}`,
    };
  }
}
