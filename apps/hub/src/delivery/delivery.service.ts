import { Injectable } from '@nestjs/common';
import { create } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AuditEvent,
  DIRECT_REGION,
  GENERAL_CATEGORY,
  HEADER_RECIPIENT,
  LIMITS,
  ReceiptKind,
  RejectionSchema,
  RoutingReportSchema,
  decodeMessage,
  deliverySubject,
  type HubIssuedKind,
  type MessageOf,
} from '#contracts';
import type { OutboundEnvelope } from '#messaging';
import { MetricsService } from '#runtime';
import { NodeSigner, sealMessage } from '#trust';
import { v5 as uuidv5 } from 'uuid';
import { AuditTrail, type AuditRecord } from '../audit/audit-trail.js';
import { HubConfig } from '../config/hub.config.js';
import { reasonName, type RefusedMessage } from '../pipeline/refused-message.js';
import type { RoutedMessage } from '../pipeline/routed-message.js';
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

/**
 * Carries out the hub's decisions: one copy per recipient, the signed routing report or rejection
 * back to the origin, and the audit record. Every publish has a deterministic msgId and every record a
 * ref, so running a decision twice (redelivery, two hub instances) publishes and records each once.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly publisher: DeliveryStore,
    private readonly signer: NodeSigner,
    private readonly config: HubConfig,
    private readonly metrics: MetricsService,
    private readonly audit: AuditTrail,
  ) {}

  /**
   * Publishes every recipient's copy and the routing report (not for receipts) together, so they leave
   * in one socket write and their acks are awaited at once, and records the audit event meanwhile.
   * Resolves once all are stored.
   */
  async deliver(routed: RoutedMessage): Promise<void> {
    const now = new Date();
    const envelopes = routed.recipients.map((recipient): OutboundEnvelope => ({
      subject: deliverySubject(recipient.node, routed.kind, recipient.region, recipient.category),
      body: routed.body,
      msgId: `${routed.id}:${recipient.node}`,
      headers: { ...routed.headers, [HEADER_RECIPIENT]: recipient.node },
    }));
    const copies = envelopes.length;
    const recipients = routed.recipients.map((recipient) => recipient.node);
    // A receipt's sender keeps no delivery state for it, so a routing report would be noise.
    if (routed.kind !== 'receipt') {
      const msgId = `${routed.id}:routing`;
      const report = create(RoutingReportSchema, {
        id: uuidv5(msgId, HUB_OUTPUT_NAMESPACE),
        sender: this.config.HUB_ID,
        sent: timestampFromDate(now),
        message: routed.id,
        recipients,
      });
      envelopes.push(this.sealed('routing', report, routed.origin, msgId));
    }
    const [outcomes] = await Promise.all([
      this.publisher.publishAll(envelopes),
      this.audit.record(this.acceptedRecord(routed, recipients)),
    ]);
    const fresh = outcomes.slice(0, copies).filter((outcome) => !outcome.duplicate).length;
    if (fresh > 0) this.metrics.delivered.inc({ kind: routed.kind }, fresh);
  }

  /** Records the audit event and, when the origin is a known node, publishes a signed Rejection to it. */
  async reject(refused: RefusedMessage): Promise<void> {
    const now = new Date();
    const ref = refused.id ?? `ingress-${refused.sequence}`;
    const audited = this.audit.record({
      event: AuditEvent.REJECTED,
      ref,
      message: refused.id ?? '',
      kind: refused.kind ?? '',
      origin: refused.origin ?? '',
      reason: refused.reason,
      detail: `${refused.detail} (subject ${refused.subject})`,
    });
    const envelopes: OutboundEnvelope[] = [];
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
      envelopes.push(this.sealed('rejection', rejection, refused.origin, msgId));
    }
    const [receipt] = await Promise.all([audited, this.publisher.publishAll(envelopes)]);
    if (!receipt.duplicate) this.metrics.rejected.inc({ reason: reasonName(refused.reason) });
  }

  /** A message issued and signed by the hub, delivered directly to one node. */
  private sealed<K extends HubIssuedKind>(
    kind: K,
    message: MessageOf<K>,
    to: string,
    msgId: string,
  ): OutboundEnvelope {
    const { body, headers } = sealMessage(this.signer, kind, message);
    return {
      subject: deliverySubject(to, kind, DIRECT_REGION, GENERAL_CATEGORY),
      body,
      msgId,
      headers: { ...headers, [HEADER_RECIPIENT]: to },
    };
  }

  /** The accepted message's audit record; for a receipt, the event of its kind about the receipted message. */
  private acceptedRecord(routed: RoutedMessage, recipients: string[]): AuditRecord {
    if (routed.kind !== 'receipt') {
      return {
        event: AuditEvent.ACCEPTED,
        ref: routed.id,
        message: routed.id,
        kind: routed.kind,
        origin: routed.origin,
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
      recipients: [receipt.sender],
      detail: receipt.reason === '' ? `receipt ${receipt.id}` : `receipt ${receipt.id}: ${receipt.reason}`,
    };
  }
}
