import { Injectable } from '@nestjs/common';
import { create, toBinary } from '@bufbuild/protobuf';
import { timestampFromDate } from '@bufbuild/protobuf/wkt';
import {
  AuditEntrySchema,
  AuditEvent,
  DIRECT_REGION,
  GENERAL_CATEGORY,
  HEADER_RECIPIENT,
  LIMITS,
  RejectionReason,
  RejectionSchema,
  RoutingReportSchema,
  auditSubject,
  deliverySubject,
  encodeMessage,
  type MessageOf,
} from '#contracts';
import { MetricsService } from '#runtime';
import { NodeSigner, canonicalSentTime, formatHandling, sealHeaders } from '#trust';
import { v5 as uuidv5 } from 'uuid';
import { HubConfig } from '../config/hub.config.js';
import { reasonName } from '../ingress/ingress-refusal.js';
import type { RefusedMessage, RoutedMessage } from './delivery-outcome.js';
import { EnvelopePublisher, type OutboundEnvelope } from './envelope-publisher.js';

// Ids of what the hub issues are derived from the JetStream msgId, so a republish after a crash
// carries the same id and receivers can dedupe it even after the stream's duplicate window.
const HUB_OUTPUT_NAMESPACE = '132a39e9-8be8-4d87-9950-de9cb137263b';

type HubIssuedKind = 'rejection' | 'routing';

// Characters a node's validation refuses in a Rejection's texts: controls, bidi overrides, lone surrogates.
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu;

/** The text made printable and cut to `max` characters, so a Rejection always passes the node's validation. */
function wireText(text: string, max: number): string {
  const characters = Array.from(text.replace(UNPRINTABLE, '\uFFFD'));
  return characters.length <= max ? characters.join('') : `${characters.slice(0, max - 1).join('')}…`;
}

type AuditedDecision = 'accepted' | 'rejected';
const AUDIT_EVENTS: Record<AuditedDecision, AuditEvent> = {
  accepted: AuditEvent.ACCEPTED,
  rejected: AuditEvent.REJECTED,
};

/**
 * Carries out the hub's decisions: one copy per recipient, the signed routing report or rejection
 * back to the origin, and the audit entry. Every publish has a deterministic msgId, so running a
 * decision twice (redelivery, two hub instances) publishes each output once.
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly publisher: EnvelopePublisher,
    private readonly signer: NodeSigner,
    private readonly config: HubConfig,
    private readonly metrics: MetricsService,
  ) {}

  /** Publishes every recipient's copy, then the routing report (not for receipts) and the audit entry. */
  async deliver(routed: RoutedMessage): Promise<void> {
    const now = new Date();
    const copies = routed.recipients.map((recipient): OutboundEnvelope => ({
      subject: deliverySubject(recipient.node, routed.kind, recipient.region, recipient.category),
      body: routed.body,
      msgId: `${routed.id}:${recipient.node}`,
      headers: { ...routed.headers, [HEADER_RECIPIENT]: recipient.node },
    }));
    const outcomes = await this.publisher.publishAll(copies);
    const fresh = outcomes.filter((outcome) => !outcome.duplicate).length;
    if (fresh > 0) this.metrics.delivered.inc({ kind: routed.kind }, fresh);

    const recipients = routed.recipients.map((recipient) => recipient.node);
    const followUps = [
      this.audit('accepted', routed.id, now, {
        message: routed.id,
        kind: routed.kind,
        origin: routed.origin,
        recipients,
      }),
    ];
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
      followUps.push(this.sealed('routing', report, routed.origin, routed.id, msgId, now));
    }
    await this.publisher.publishAll(followUps);
  }

  /** Publishes the audit entry and, when the origin is a known node, a signed Rejection to it. */
  async reject(refused: RefusedMessage): Promise<void> {
    const now = new Date();
    const ref = refused.id ?? `ingress-${refused.sequence}`;
    const envelopes = [
      this.audit('rejected', ref, now, {
        message: refused.id ?? '',
        kind: refused.kind ?? '',
        origin: refused.origin ?? '',
        reason: refused.reason,
        detail: `${refused.detail} (subject ${refused.subject})`,
      }),
    ];
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
      envelopes.push(this.sealed('rejection', rejection, refused.origin, '', msgId, now));
    }
    const [audited] = await this.publisher.publishAll(envelopes);
    if (audited?.duplicate === false) this.metrics.rejected.inc({ reason: reasonName(refused.reason) });
  }

  /** A message issued and signed by the hub, delivered directly to one node. */
  private sealed<K extends HubIssuedKind>(
    kind: K,
    message: MessageOf<K>,
    to: string,
    correlation: string,
    msgId: string,
    now: Date,
  ): OutboundEnvelope {
    const body = encodeMessage(kind, message);
    const fields = {
      id: message.id,
      type: kind,
      sender: this.config.HUB_ID,
      sent: canonicalSentTime(now),
      handling: formatHandling(undefined),
      correlation,
    };
    return {
      subject: deliverySubject(to, kind, DIRECT_REGION, GENERAL_CATEGORY),
      body,
      msgId,
      headers: { ...sealHeaders(this.signer, fields, body), [HEADER_RECIPIENT]: to },
    };
  }

  /** The audit entry of one decision, on `bl.audit.<event>` with msgId `<ref>:<event>`. */
  private audit(
    event: AuditedDecision,
    ref: string,
    now: Date,
    entry: {
      message: string;
      kind: string;
      origin: string;
      recipients?: string[];
      reason?: RejectionReason;
      detail?: string;
    },
  ): OutboundEnvelope {
    const body = toBinary(
      AuditEntrySchema,
      create(AuditEntrySchema, {
        ...entry,
        event: AUDIT_EVENTS[event],
        at: timestampFromDate(now),
        actor: this.config.HUB_ID,
      }),
    );
    return { subject: auditSubject(event), body, msgId: `${ref}:${event}`, headers: {} };
  }
}
